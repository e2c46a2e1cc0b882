# systemd drop-in for ${ka_service_name}: stopping keepalived stops the daemon only, so its notify_stop
# script (the fence, ${ka_notify_fence} STOP) runs to its end instead of being killed with it (systemd's
# default KillMode=control-group kills every process of the unit). Rendered by pgha from
# templates/keepalived.dropin.ftl.
[Service]
KillMode=process
