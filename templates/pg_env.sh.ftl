# Environment of ${pg_user} on ${inventory_hostname} (the article's lines in ~/.bashrc).
# Rendered by pgha from templates/pg_env.sh.ftl; sourced from ~/.bashrc and ~/.bash_profile.
export PGHOME=${sh(pg_prefix)}
export PGDATA=${sh(pg_data)}
export PGPORT=${sh(pg_port)}
export PGDATABASE=${sh(pg_database)}
export LD_LIBRARY_PATH=${sh(pg_lib_dir)}:$LD_LIBRARY_PATH
export PATH=${sh(pg_bin_dir)}:$PATH
