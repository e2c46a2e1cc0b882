<#-- The peer's power controller, as this node's fence agent reads it on its standard input (key=value lines,
     fence-agents' common protocol; the action is added by the caller). root 0600: it holds the password.
     Installed only when the peer has a device (pg_peer_fence_agent); the playbooks' preflight renders every
     template whatever its task's when, so a peer without one renders too (the validator makes sure a device has
     its address). -->
<#assign peer = hostvars[pg_peer_name]>
ip=${(peer.pg_fence_ip)!''}
<#if (peer.pg_fence_user)?has_content>
username=${peer.pg_fence_user}
</#if>
<#if (peer.pg_fence_password)?has_content>
password=${peer.pg_fence_password}
</#if>
<#list (peer.pg_fence_options)!{} as name, value>
${name}=${value}
</#list>
method=onoff
