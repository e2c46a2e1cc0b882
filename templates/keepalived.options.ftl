# Options for keepalived (see keepalived --help): -f configuration file, -D detailed log messages,
# -S N log to syslog facility local<N>, which ${ka_rsyslog_conf} writes to ${ka_log_file}
# (problem 2 of the article: keepalived logs to /var/log/messages by default).
# Rendered by pgha from templates/keepalived.options.ftl.
${ka_options_var}="${ka_options}"
