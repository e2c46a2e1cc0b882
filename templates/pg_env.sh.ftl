# Environment of ${pg_user} on ${inventory_hostname} (the article's lines in ~/.bashrc).
# Rendered by pgha from templates/pg_env.sh.ftl; sourced from ~/.bashrc and ~/.bash_profile.
export PGHOME=${pg_prefix}
export PGDATA=${pg_data}
export PGPORT=${pg_port}
export PGDATABASE=${pg_database}
export LD_LIBRARY_PATH=${pg_lib_dir}:$LD_LIBRARY_PATH
export PATH=${pg_bin_dir}:$PATH
