package io.pgha.lab;

/**
 * The lab witness's PostgreSQL, set up as a user's existing server would be: Debian's postgresql-15
 * (installed in the witness image, LabImage.WITNESS, with its default cluster 15/main), listening on
 * the lab network, a role and a database of its own (the inventory defaults' pg_witness_user and
 * pg_witness_db) with a password login from the lab's subnet. Idempotent. The
 * password comes in PGHA_WITNESS_PASSWORD (the exec's environment), read by psql's \getenv, so it is
 * in no command line and no server log.
 */
final class WitnessSetup {
    private WitnessSetup() {}

    static String script(String subnet) {
        if (!subnet.matches("[0-9.]+/[0-9]+")) throw new IllegalArgumentException("not a subnet: " + subnet);
        return String.join("\n",
                "set -euo pipefail",
                "export DEBIAN_FRONTEND=noninteractive",
                // Kept, though the witness image has the package: a witness container made from the node image
                // before there was a witness image (still running: witnessUp reuses it) has none. One test when present.
                "if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then",
                "  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends postgresql-15 >/dev/null",
                "fi",
                "c=/etc/postgresql/15/main",
                "grep -q \"^listen_addresses = '\\*'\" $c/postgresql.conf || echo \"listen_addresses = '*'\" >> $c/postgresql.conf",
                "grep -q '^host pgha_witness pgha_witness' $c/pg_hba.conf"
                        + " || echo 'host pgha_witness pgha_witness " + subnet + " scram-sha-256' >> $c/pg_hba.conf",
                "systemctl enable -q postgresql@15-main",
                "systemctl restart postgresql@15-main",
                "runuser -u postgres -- env PGHA_WITNESS_PASSWORD=\"$PGHA_WITNESS_PASSWORD\" psql -X -q -At -v ON_ERROR_STOP=1 <<'SQL'",
                "SET log_statement = 'none';",
                "\\getenv pw PGHA_WITNESS_PASSWORD",
                "SELECT 'CREATE ROLE pgha_witness LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgha_witness') \\gexec",
                "SELECT format('ALTER ROLE pgha_witness PASSWORD %L', :'pw') \\gexec",
                "SELECT 'CREATE DATABASE pgha_witness OWNER pgha_witness'"
                        + " WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pgha_witness') \\gexec",
                "SQL",
                "");
    }
}
