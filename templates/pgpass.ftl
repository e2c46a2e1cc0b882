<#-- ~postgres/.pgpass (0600): the passwords libpq needs on this node (pg_basebackup, the WAL
     receiver through primary_conninfo's passfile, pg_rewind, the promotion script's peer check), so none is written in
     postgresql.conf or a script. hostname:port:database:username:password; ':' and '\' escaped. -->
<#function esc s><#return s?replace("\\", "\\\\")?replace(":", "\\:")></#function>
*:${pg_port}:replication:${esc(pg_replication_user)}:${esc(pg_replication_password)}
*:${pg_port}:${esc(pg_monitor_db)}:${esc(pg_monitor_user)}:${esc(pg_monitor_password)}
<#if pg_superuser_password?has_content>
*:${pg_port}:*:${esc(pg_superuser)}:${esc(pg_superuser_password)}
</#if>
<#if pg_witness_host?has_content>
${pg_witness_host}:${pg_witness_port}:${esc(pg_witness_db)}:${esc(pg_witness_user)}:${esc(pg_witness_password)}
</#if>
