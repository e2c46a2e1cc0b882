<#-- postgresql.conf for one node. Settings in the article's order (RUNBOOK.md section 3); every value
     is a variable (playbooks/vars/defaults.yml). Booleans print as on/off, numbers and sizes bare,
     other strings single-quoted (' doubled, \ doubled: the server reads backslash escapes in strings). -->
<#function pg v><#if v?is_boolean><#return v?then("on", "off")><#elseif v?is_number><#return v?c><#elseif v?matches("-?[0-9]+(\\.[0-9]+)?[a-zA-Z]*|on|off|true|false")><#return v><#else><#return "'" + v?replace("\\", "\\\\")?replace("'", "''") + "'"></#if></#function>
<#assign major = pg_major?is_number?then(pg_major, pg_major?number)>
# postgresql.conf for ${inventory_hostname} (${cluster_role} at bootstrap), cluster ${pg_cluster_name}
# Rendered by pgha from templates/postgresql.conf.ftl. Local edits are overwritten: change the inventory.
<#if pg_conf_dir != pg_data>
data_directory = ${pg(pg_data)}
</#if>
hba_file = ${pg(pg_hba_file)}
ident_file = ${pg(pg_ident_file)}

# connections
listen_addresses = ${pg(pg_listen_addresses)}
port = ${pg(pg_port)}
max_connections = ${pg(pg_max_connections)}
superuser_reserved_connections = ${pg(pg_superuser_reserved_connections)}
password_encryption = ${pg(pg_password_encryption)}

# resources
shared_buffers = ${pg(pg_shared_buffers)}
wal_buffers = ${pg(pg_wal_buffers)}
work_mem = ${pg(pg_work_mem)}
max_locks_per_transaction = ${pg(pg_max_locks_per_transaction)}
max_prepared_transactions = ${pg(pg_max_prepared_transactions)}
max_replication_slots = ${pg(pg_max_replication_slots)}
max_wal_senders = ${pg(pg_max_wal_senders)}
max_worker_processes = ${pg(pg_max_worker_processes)}
track_commit_timestamp = ${pg(pg_track_commit_timestamp)}

# logging
logging_collector = ${pg(pg_logging_collector)}
log_directory = ${pg(pg_log_directory)}
log_checkpoints = ${pg(pg_log_checkpoints)}
log_lock_waits = ${pg(pg_log_lock_waits)}
log_statement = ${pg(pg_log_statement)}
log_truncate_on_rotation = ${pg(pg_log_truncate_on_rotation)}
log_rotation_age = ${pg(pg_log_rotation_age)}
log_rotation_size = ${pg(pg_log_rotation_size)}

# WAL (pg_rewind needs wal_log_hints or data checksums, and full_page_writes)
wal_level = ${pg(pg_wal_level)}
wal_log_hints = ${pg(pg_wal_log_hints)}
full_page_writes = ${pg(pg_full_page_writes)}
wal_keep_size = ${pg(pg_wal_keep_size)}	# a standby that is behind can still stream (no slots)
wal_sender_timeout = ${pg(pg_wal_sender_timeout)}	# bounds a fenced primary's shutdown when its standby is cut off
idle_in_transaction_session_timeout = ${pg(pg_idle_in_transaction_session_timeout)}
<#if major gte 14>
idle_session_timeout = ${pg(pg_idle_session_timeout)}
</#if>

# archive (method: ${pg_archive_method})
archive_mode = ${pg(pg_archive_mode)}
archive_command = ${pg(pg_archive_command)}
archive_timeout = ${pg(pg_archive_timeout)}
restore_command = ${pg(pg_restore_command)}
recovery_target_timeline = ${pg(pg_recovery_target_timeline)}
archive_cleanup_command = ${pg(pg_archive_cleanup_command)}

# replication
cluster_name = ${pg(pg_cluster_name)}
hot_standby = ${pg(pg_hot_standby)}
max_standby_streaming_delay = ${pg(pg_max_standby_streaming_delay)}
wal_receiver_status_interval = ${pg(pg_wal_receiver_status_interval)}
hot_standby_feedback = ${pg(pg_hot_standby_feedback)}
synchronous_commit = ${pg(pg_synchronous_commit)}
synchronous_standby_names = ${pg(pg_synchronous_standby_names)}	# '*' = synchronous, empty = asynchronous
# Used only while standby.signal exists. The password is in ${pg_pgpass_file} (passfile), not here.
primary_conninfo = ${pg(pg_primary_conninfo)}
<#if pg_extra_settings?has_content>

# more settings from the inventory (pg_extra_settings)
<#list pg_extra_settings as name, value>
${name} = ${pg(value)}
</#list>
</#if>
<#if pg_replication_mode != "async">

# pg_replication_mode ${pg_replication_mode}: synchronous_standby_names as this node's health check (a
# primary) or promotion guard last set it; included last, so it wins over the line above.
include_if_exists = ${pg(pgha_sync_conf_file)}
</#if>
