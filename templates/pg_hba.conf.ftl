<#-- pg_hba.conf: local peer for the superuser and the health-check role, replication from the
     cluster's nodes only (article), clients from pg_hba_client_networks (article: 0.0.0.0/0). -->
<#macro line type database user address method>
${type?right_pad(7)} ${database?right_pad(15)} ${user?right_pad(15)} ${address?right_pad(23)} ${method}
</#macro>
# pg_hba.conf for ${inventory_hostname}, cluster ${pg_cluster_name}
# Rendered by pgha from templates/pg_hba.conf.ftl. Local edits are overwritten: change the inventory.
# TYPE  DATABASE        USER            ADDRESS                 METHOD
<@line type="local" database="all" user=pg_superuser address="" method=pg_hba_local_method/>
<@line type="local" database=pg_monitor_db user=pg_monitor_user address="" method="peer map=" + pg_ident_map/>
<@line type="host" database="all" user="all" address="127.0.0.1/32" method=pg_hba_client_method/>
<#list groups[pg_cluster_group] as node>
<@line type="host" database="replication" user=pg_replication_user address=((hostvars[node].pg_node_address)!(hostvars[node].ansible_host)) + "/32" method=pg_hba_replication_method/>
</#list>
<#list pg_hba_client_networks as network>
<@line type="host" database="all" user="all" address=network method=pg_hba_client_method/>
</#list>
<#list pg_hba_extra_entries as e>
<@line type=e.type database=e.database user=e.user address=(e.address)!"" method=e.method/>
</#list>
