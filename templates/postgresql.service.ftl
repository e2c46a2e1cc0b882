<#-- systemd unit for a source build (package installs use the distribution's unit). The limits of
     /etc/security/limits.conf do not reach services, so they are repeated here. Paths go through
     unit() (systemd's quoting: a data directory may hold a space). -->
<#assign unitLimits = {"nofile": "LimitNOFILE", "nproc": "LimitNPROC", "core": "LimitCORE", "memlock": "LimitMEMLOCK", "stack": "LimitSTACK"}>
# Rendered by pgha from templates/postgresql.service.ftl
[Unit]
Description=PostgreSQL ${pg_version} database server (${pg_cluster_name}, source build)
Documentation=https://www.postgresql.org/docs/${pg_major}/
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${pg_user}
Group=${pg_group}
Environment=${unit("PGDATA=" + pg_data)}
Environment=${unit("LD_LIBRARY_PATH=" + pg_lib_dir)}
OOMScoreAdjust=-1000
ExecStart=${unit(pg_bin_dir + "/postgres")} -D ${unit(pg_data)}<#if pg_conf_dir != pg_data> -c ${unit("config_file=" + pg_conf_dir + "/postgresql.conf")}</#if>
ExecReload=/bin/kill -HUP $MAINPID
# SIGINT = fast shutdown; postgres stops its children itself
KillMode=mixed
KillSignal=SIGINT
TimeoutSec=300
# No automatic restart: keepalived decides who is primary; a restart racing a failover could make two.
Restart=no
<#list os_limits as item, value>
<#if unitLimits[item]??>
${unitLimits[item]}=${(value?string == "unlimited")?then("infinity", value?string)}
</#if>
</#list>

[Install]
WantedBy=multi-user.target
