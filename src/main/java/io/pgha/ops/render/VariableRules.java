package io.pgha.ops.render;

import io.pgha.core.HostNames;
import io.pgha.core.OneLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each cluster variable may hold, by what it is: the one table of value rules, checked on
 * every node's resolved variables before anything is rendered or contacted (ClusterValidator).
 * A value lands in root scripts, keepalived.conf, systemd units and postgresql.conf; the templates
 * quote it (sh, conninfo, unit, pg), and what no quoting makes safe everywhere is refused here.
 */
final class VariableRules {
    /** Characters a path may hold: a plain shell word's, minus % (archive_command placeholders). */
    private static final String PATH_CHARS = "A-Za-z0-9_./+@,:=\\-";
    private static final String WORD = "[A-Za-z0-9_./:=@%+,-]+";

    enum Kind {
        PORT("a port number (1-65535)"),
        COUNT("a whole number, 0 or more"),
        INTEGER("a whole number"),
        TOKEN("a single word of letters, digits and _ . : @ + - (keepalived and systemd read it unquoted)"),
        INTERFACE("a network interface name (letters, digits, _ . : @ -, at most 15 characters)"),
        SQL_NAME("a PostgreSQL name: a letter or _, then letters, digits or _ (at most 63)"),
        SQL_TABLE("a lower-case PostgreSQL name: a-z or _, then a-z, 0-9 or _ (at most 63; SQL reads it unquoted)"),
        OS_USER("a user or group name: a-z or _, then a-z, 0-9, _ or - (at most 32)"),
        PATH("an absolute path of letters, digits, spaces and _ . / + @ , : = -"),
        PLAIN_PATH("an absolute path of letters, digits and _ . / + @ , : = - (no spaces: keepalived, logrotate and shell commands read it unquoted)"),
        OPTIONAL_PLAIN_PATH("empty (off), or an absolute path of letters, digits and _ . / + @ , : = - (no spaces: shell commands read it unquoted)"),
        ADDRESS("an IPv4 address or a host name"),
        WORDS("words of letters, digits and _ . / : = @ % + , - separated by single spaces"),
        SHELL_VAR("a shell variable name (letters, digits, _; not starting with a digit)"),
        TEXT("printable ASCII text, 1 to 63 characters");

        final String expected;

        Kind(String expected) { this.expected = expected; }
    }

    static final Map<String, Kind> RULES = new LinkedHashMap<>();

    static {
        rule(Kind.PORT, "pg_port", "pg_witness_port");
        rule(Kind.COUNT, "ka_check_interval", "ka_check_fall", "ka_check_rise", "ka_check_timeout", "ka_advert_int",
                "ka_garp_master_refresh", "ka_priority", "ka_priority_primary", "ka_priority_standby", "ka_primary_weight", "ka_syslog_facility",
                "ka_virtual_router_id", "pg_promote_max_lag_seconds", "pg_promote_peer_wait", "pg_promote_timeout",
                "pg_promote_retry_seconds", "pg_lease_ttl", "pg_lease_fence_after", "pg_sync_degrade_after",
                "pg_restart_in_place_timeout", "pg_crash_restart_window", "pg_fence_timeout", "pg_fence_delay", "pg_fence_standby_after");
        rule(Kind.INTEGER, "ka_check_weight");
        rule(Kind.TOKEN, "pg_cluster_name", "ka_router_id", "ka_vrrp_instance", "ka_check_script_name", "ka_state",
                "ka_auth_type", "ka_vip_label", "pg_ident_map", "pg_version", "ka_version", "pg_major", "pg_service_name",
                "ka_service_name", "os_script_lang", "pg_initdb_locale", "pg_initdb_encoding", "pg_archive_method", "pg_lease_keeper_service");
        rule(Kind.INTERFACE, "ka_interface");
        rule(Kind.SQL_NAME, "pg_superuser", "pg_replication_user", "pg_monitor_user", "pg_monitor_db", "pg_database", "pg_witness_user",
                "pg_witness_db");
        rule(Kind.SQL_TABLE, "pg_monitor_table");
        rule(Kind.OS_USER, "pg_user", "pg_group", "ka_script_user");
        // The data directory and the files beside it are quoted wherever they land, so a space works there.
        rule(Kind.PATH, "pg_data", "pg_conf_dir", "pg_hba_file", "pg_ident_file");
        rule(Kind.PLAIN_PATH, "pg_user_home", "pg_prefix", "pg_bin_dir", "pg_lib_dir", "pg_archive_dir", "pg_log_dir",
                "pg_socket_dir", "pg_env_file", "pg_pgpass_file", "ka_prefix", "ka_binary", "ka_conf_dir", "ka_conf_file",
                "ka_log_dir", "ka_options_file", "ka_log_file", "ka_rsyslog_conf", "ka_logrotate_conf", "ka_check_script",
                "ka_monitor_log", "ka_notify_master", "ka_failover_log", "ka_notify_fence", "ka_fence_log",
                "pg_safe_boot_script", "pg_safe_boot_dropin", "ka_notify_dropin", "pgha_state_dir", "pgha_vrrp_state_file", "ka_refused_file",
                "pg_promote_force_file", "os_limits_file", "pgha_work_dir", "pg_lease_keeper_script", "pg_witness_schema_file",
                "pgha_lease_file", "pgha_peer_seen_file", "pgha_heartbeat_seen_file", "pgha_takes_writes_file",
                "pgha_sync_conf_file", "pgha_sync_state_file", "pgha_sync_seen_file", "pgha_restart_hold_file", "pgha_crash_restart_file",
                "pgha_fenced_file", "pgha_maintenance_file", "pgha_refused_why_file", "pgha_promoting_file", "pg_fence_peer_file",
                "pgha_standby_seen_file", "pgha_standby_shot_file", "pgha_fence_check_file");
        rule(Kind.OPTIONAL_PLAIN_PATH, "pg_build_ccache_dir");
        rule(Kind.ADDRESS, "pg_node_address", "pg_peer_address", "pg_primary_address", "pg_archive_host");
        rule(Kind.WORDS, "ka_options", "pg_initdb_options", "pg_configure_options", "ka_configure_options");
        rule(Kind.SHELL_VAR, "ka_options_var");
        rule(Kind.TEXT, "pg_application_name", "pg_peer_application_name");
    }

    private static final Map<Kind, Pattern> PATTERNS = Map.ofEntries(
            Map.entry(Kind.PORT, Pattern.compile("[0-9]{1,5}")),
            Map.entry(Kind.COUNT, Pattern.compile("[0-9]{1,9}")),
            Map.entry(Kind.INTEGER, Pattern.compile("-?[0-9]{1,9}")),
            Map.entry(Kind.TOKEN, Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@+-]{0,63}")),
            Map.entry(Kind.INTERFACE, Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,14}")),
            Map.entry(Kind.SQL_NAME, Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}")),
            Map.entry(Kind.SQL_TABLE, Pattern.compile("[a-z_][a-z0-9_]{0,62}")),
            Map.entry(Kind.OS_USER, Pattern.compile("[a-z_][a-z0-9_-]{0,31}")),
            Map.entry(Kind.PATH, Pattern.compile("/([" + PATH_CHARS + " ]*[" + PATH_CHARS + "])?")),
            Map.entry(Kind.PLAIN_PATH, Pattern.compile("/[" + PATH_CHARS + "]*")),
            Map.entry(Kind.OPTIONAL_PLAIN_PATH, Pattern.compile("(/[" + PATH_CHARS + "]*)?")),
            Map.entry(Kind.ADDRESS, Pattern.compile("([0-9]{1,3}(\\.[0-9]{1,3}){3})|" + HostNames.PATTERN)),
            Map.entry(Kind.WORDS, Pattern.compile("(" + WORD + "( " + WORD + ")*)?")),
            Map.entry(Kind.SHELL_VAR, Pattern.compile("[A-Za-z_][A-Za-z0-9_]*")),
            Map.entry(Kind.TEXT, Pattern.compile("[\\x20-\\x7e]{1,63}")));

    private VariableRules() {}

    private static void rule(Kind kind, String... names) {
        for (String n : names) RULES.put(n, kind);
    }

    /** Why this value does not fit its kind, or null when it does. */
    static String problem(Kind kind, Object value) {
        if (value instanceof Map || value instanceof List) return "must be " + kind.expected + ", got a " + (value instanceof Map ? "mapping" : "list");
        String s = value instanceof Boolean ? null : String.valueOf(value);
        if (s == null || !PATTERNS.get(kind).matcher(s).matches()) return "must be " + kind.expected + ", got " + shown(value);
        if (kind == Kind.PORT && (Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535)) return "must be " + kind.expected + ", got " + s;
        if ((kind == Kind.PATH || kind == Kind.PLAIN_PATH || kind == Kind.OPTIONAL_PLAIN_PATH) && (s.contains("/../") || s.endsWith("/..") || s.contains("/./"))) {
            return "must be a path without . or .. parts, got " + shown(value);
        }
        return null;
    }

    /** A control character (newline, tab, ...) breaks every file a value lands in: refused for any cluster variable. */
    static String controlCharacter(Object value) {
        if (value instanceof String s) {
            for (char c : s.toCharArray()) {
                if (c < 0x20 || c == 0x7f) return "holds a control character (" + (c == '\n' ? "a newline" : String.format("U+%04X", (int) c))
                        + "), which no file pgha writes can hold safely: " + shown(s);
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                String p = controlCharacter(v);
                if (p != null) return p;
            }
        } else if (value instanceof List<?> l) {
            for (Object v : l) {
                String p = controlCharacter(v);
                if (p != null) return p;
            }
        }
        return null;
    }

    private static String shown(Object value) { return OneLine.quoted(value); }
}
