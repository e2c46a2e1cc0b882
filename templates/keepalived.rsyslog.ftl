# keepalived runs with -S ${ka_syslog_facility}: its messages go to their own file, not /var/log/messages.
# Rendered by pgha from templates/keepalived.rsyslog.ftl.
local${ka_syslog_facility}.*    ${ka_log_file}
& stop
