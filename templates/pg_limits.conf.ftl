# Limits for ${pg_user} (the article's lines in /etc/security/limits.conf), soft and hard.
# Rendered by pgha from templates/pg_limits.conf.ftl. They apply to login sessions; the systemd
# unit of a source build sets the same limits for the server.
<#list os_limits as item, value>
${pg_user} soft ${item} ${value}
${pg_user} hard ${item} ${value}
</#list>
