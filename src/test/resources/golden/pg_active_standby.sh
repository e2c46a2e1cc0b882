# RUNBOOK.md section 5: /etc/keepalived/pg_active_standby.sh, the lines that define its behaviour
export PGPORT=54321
export PGUSER=keepalived
export PG_OS_USER=postgres
export PGDBNAME=keepalived
export PGDATA=/home/postgres/pgdata
export LANG=en_US.utf8
export PGHOME=/home/postgres/pghome
export LD_LIBRARY_PATH=$PGHOME/lib:/lib64:/usr/lib64:/usr/local/lib64:/lib:/usr/lib:/usr/local/lib
export PATH=$PGHOME/bin:$PATH:.
LAG_MINUTES=60
FAILOVE_LOG=/etc/keepalived/log/pg_failover.log
keepalived VIP switchover!
su - $PG_OS_USER -c "pg_ctl promote -D ${PGDATA}"
promote standby success.
is not standby database, failover not allow!
