<#-- pg_hba.conf: local peer for the superuser and the health-check role, replication from the
     cluster's nodes only (article), clients from pg_hba_client_networks (article: 0.0.0.0/0). -->
<#macro line type database user address method>
${type?right_pad(7)} ${database?right_pad(15)} ${user?right_pad(15)} ${address?right_pad(23)} ${method}
</#macro>
# pg_hba.conf for ${inventory_hostname}, cluster ${pg_cluster_name}
# Rendered by pgha from templates/pg_hba.conf.ftl. Local edits are overwritten: change the inventory.
# TYPE  DATABASE        USER            ADDRESS                 METHOD
<@line "local" "all" pg_superuser "" pg_hba_local_method/>
<@line "local" pg_monitor_db pg_monitor_user "" ("peer map=" + pg_ident_map)/>
<@line "host" "all" "all" "127.0.0.1/32" pg_hba_client_method/>
<#list groups[pg_cluster_group] as node>
<@line "host" "replication" pg_replication_user (((hostvars[node].pg_node_address)!(hostvars[node].ansible_host)) + "/32") pg_hba_replication_method/>
</#list>
<#list pg_hba_client_networks as network>
<@line "host" "all" "all" network pg_hba_client_method/>
</#list>
<#list pg_hba_extra_entries as e>
<@line e.type e.database e.user ((e.address)!"") e.method/>
</#list>
