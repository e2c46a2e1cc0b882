# pg_ident.conf for ${inventory_hostname}
# Rendered by pgha from templates/pg_ident.conf.ftl.
# keepalived's scripts run as root and reach the health-check role by peer authentication through
# this map, so no password sits in a script.
# MAPNAME       SYSTEM-USERNAME         PG-USERNAME
<#list pg_ident_os_users as os_user>
${pg_ident_map?right_pad(15)} ${os_user?right_pad(23)} ${pg_monitor_user}
</#list>
