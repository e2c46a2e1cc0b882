<#-- The lease keeper's unit: installed always, running only with a witness (pg_witness_host);
     restarted at once if it dies (pg_monitor.sh also fails a primary whose keeper stopped reporting). -->
# Rendered by pgha from templates/pg_lease_keeper.service.ftl
[Unit]
Description=pgha lease keeper for ${inventory_hostname} (witness ${pg_witness_host?has_content?then(pg_witness_host, 'none: not started')})
After=network-online.target

[Service]
Type=simple
ExecStart=${pg_lease_keeper_script}
Restart=always
RestartSec=1
# a stopped keeper reports nothing (pgha status then shows no lease line)
ExecStopPost=/bin/rm -f ${pgha_lease_file}

[Install]
WantedBy=multi-user.target
