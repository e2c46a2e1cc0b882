# systemd drop-in for ${pg_service_name}: the safe boot check before every start (a node that was
# primary starts read-only unless no other node can be primary). Rendered by pgha from
# templates/pg_safe_boot.conf.ftl.
[Unit]
After=network-online.target
Wants=network-online.target

[Service]
# '+': as root, whatever User= the unit runs PostgreSQL as (it writes standby.signal as ${pg_user}).
ExecStartPre=+${unit(pg_safe_boot_script)}
