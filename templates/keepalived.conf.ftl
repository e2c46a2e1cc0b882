<#-- keepalived.conf (root:root 0600: it holds auth_pass). The article's configuration; the nodes
     differ only in router_id and priority. -->
<#function num v><#return v?is_number?then(v, v?number)></#function>
! Configuration File for keepalived
! ${inventory_hostname} (${cluster_role} at bootstrap), rendered by pgha from templates/keepalived.conf.ftl

global_defs {
    router_id ${ka_router_id}
    script_user ${ka_script_user}
    enable_script_security
}

vrrp_script ${ka_check_script_name} {
    script "${ka_check_script}"
    interval ${ka_check_interval}
    fall ${ka_check_fall}
<#if num(ka_check_rise) gt 0>
    rise ${ka_check_rise}
</#if>
<#if num(ka_check_weight) != 0>
    weight ${ka_check_weight}
</#if>
<#if num(ka_check_timeout) gt 0>
    timeout ${ka_check_timeout}
</#if>
}

# The promotion guard writes 1 here when it refuses to promote: this node then goes FAULT and gives the
# VIP up at once, instead of holding it as a standby that cannot take writes.
track_file pgha_promote_refused {
    file "${ka_refused_file}"
    weight 0
    init_file 0
}

# The node that takes writes wins every VRRP election: the health check writes 1 here on a primary
# that is not fenced and 0 on a standby, and keepalived adds ${ka_primary_weight} x that to the priority. The
# inventory's priorities date from the last render; after a failover the standby may hold the higher one,
# and a primary that meets it again when a partition heals must not give the VIP up (and fence itself) to it.
track_file pgha_takes_writes {
    file "${pgha_takes_writes_file}"
    weight ${ka_primary_weight}
    init_file 0
}

vrrp_instance ${ka_vrrp_instance} {
    state ${ka_state}
<#if ka_nopreempt>
    nopreempt
</#if>
    interface ${ka_interface}
    virtual_router_id ${ka_virtual_router_id}
    priority ${ka_priority}
    advert_int ${ka_advert_int}
<#if num(ka_garp_master_refresh) gt 0>
    # The MASTER repeats its gratuitous ARP: after a partition the peer may have announced the VIP last
    # and left clients' ARP caches pointing at a node that gave it up.
    garp_master_refresh ${ka_garp_master_refresh}
</#if>
<#if ka_unicast>
    unicast_src_ip ${pg_node_address}
    unicast_peer {
        ${pg_peer_address}
    }
</#if>
    authentication {
        auth_type ${ka_auth_type}
        auth_pass ${ka_auth_pass}
    }
    track_script {
        ${ka_check_script_name}
    }
    track_file {
        pgha_promote_refused
        pgha_takes_writes
    }
    virtual_ipaddress {
        ${ka_vip} dev ${ka_interface} label ${ka_vip_label}
    }
    notify_master "${ka_notify_master}"
    # A primary that stops being MASTER fences itself (the article had notify_fault commented out).
    notify_backup "${ka_notify_fence} BACKUP"
    notify_fault "${ka_notify_fence} FAULT"
    notify_stop "${ka_notify_fence} STOP"
}
