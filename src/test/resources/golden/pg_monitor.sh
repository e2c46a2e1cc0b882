# RUNBOOK.md section 5: /etc/keepalived/pg_monitor.sh, the lines that define its behaviour
export PGPORT=54321
export PGUSER=keepalived
export PGDBNAME=keepalived
export PGDATA=/home/postgres/pgdata
export LANG=en_US.utf8
export PGHOME=/home/postgres/pghome
export LD_LIBRARY_PATH=$PGHOME/lib:/lib64:/usr/lib64:/usr/local/lib64:/lib:/usr/lib:/usr/local/lib
export PATH=$PGHOME/bin:$PATH:
MONITOR_LOG=/etc/keepalived/log/pg_monitor.log
SQL1='update sr_delay set last_alive= now();'
SQL2='select 1;'
standby_flg=`psql -p $PGPORT -U postgres -At -c "select pg_is_in_recovery();"`
This is a standby database, exit!
psql -At -d $PGDBNAME -p $PGPORT -U $PGUSER -c "$SQL2"
echo $SQL1 | psql -At -d $PGDBNAME -p $PGPORT -U $PGUSER
Primary db is health.
Attention: Primary db is not health.
