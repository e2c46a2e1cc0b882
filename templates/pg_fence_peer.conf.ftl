<#-- The peer's power controller, as this node's fence agent reads it on its standard input (key=value lines,
     fence-agents' common protocol; the action is added by the caller). root 0600: it holds the password. -->
<#assign peer = hostvars[pg_peer_name]>
ip=${peer.pg_fence_ip}
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
