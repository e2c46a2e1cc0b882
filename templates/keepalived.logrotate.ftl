# keepalived's log and its scripts' logs (pg_monitor.log grows by a line every ${ka_check_interval} s).
# Rendered by pgha from templates/keepalived.logrotate.ftl.
${ka_log_dir}/*.log {
    weekly
    rotate 8
    compress
    delaycompress
    missingok
    notifempty
    copytruncate
}
