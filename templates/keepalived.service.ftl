# systemd unit for keepalived built from source into ${ka_prefix} (the article copies the init
# script and sysconfig file instead). Rendered by pgha from templates/keepalived.service.ftl.
[Unit]
Description=LVS and VRRP High Availability Monitor (keepalived ${ka_version}, source build)
Documentation=man:keepalived(8) man:keepalived.conf(5) https://keepalived.org
After=network-online.target syslog.target ${pg_service_name}.service
Wants=network-online.target
ConditionFileNotEmpty=${ka_conf_file}

[Service]
Type=forking
PIDFile=/run/keepalived.pid
KillMode=process
EnvironmentFile=-${ka_options_file}
ExecStart=${ka_binary} $${ka_options_var}
ExecReload=/bin/kill -HUP $MAINPID

[Install]
WantedBy=multi-user.target
