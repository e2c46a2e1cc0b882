package io.pgha.ops.push;

import io.pgha.core.Shell;
import io.pgha.engine.ClusterHosts;
import io.pgha.ops.render.RenderedFile;
import io.pgha.ops.verify.Jdbc;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.PortForward;
import io.pgha.transport.TransportException;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, reading only, what a push changes in each node's postgresql.conf and whether each change
 * takes a reload or a restart: the node's file now against the rendered one, setting by setting, and
 * each changed setting's pg_settings.context on that node's own server.
 */
public final class PushPlanner {
    public static final String POSTGRESQL_CONF = "postgresql.conf.ftl";

    private final VerifyTarget target;

    public PushPlanner(VerifyTarget target) { this.target = target; }

    /** Thrown when a node cannot be planned for: its file cannot be read, or its server does not answer. */
    public static final class PlanException extends Exception {
        PlanException(String message) { super(message); }
    }

    public PushPlan plan(Map<String, List<RenderedFile>> rendered, ClusterHosts sessions) throws PlanException {
        Map<String, List<SettingChange>> changes = new LinkedHashMap<>();
        for (Map.Entry<String, List<RenderedFile>> e : rendered.entrySet()) {
            String host = e.getKey();
            RenderedFile conf = e.getValue().stream().filter(f -> f.file().template().equals(POSTGRESQL_CONF)).findFirst()
                    .orElseThrow(() -> new PlanException(host + ": no postgresql.conf among the rendered files"));
            Connection c = sessions.get(host);
            if (c == null) throw new PlanException(host + " cannot be reached over SSH: " + sessions.failure(host));
            Map<String, String> now = ConfSettings.parse(current(host, c, conf.path()));
            Map<String, String> next = ConfSettings.parse(conf.content());
            changes.put(host, withContexts(host, c, diff(now, next)));
        }
        return RestartOrder.plan(changes, target.primary());
    }

    /** The settings whose value differs, in the rendered file's order, then those the push removes. */
    static List<String[]> diff(Map<String, String> now, Map<String, String> next) {
        Set<String> names = new LinkedHashSet<>(next.keySet());
        names.addAll(now.keySet());
        List<String[]> out = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(now.get(n), next.get(n))) out.add(new String[] {n, now.get(n), next.get(n)});
        }
        return out;
    }

    private static String current(String host, Connection c, String path) throws PlanException {
        try {
            ExecResult r = c.exec(ExecRequest.of("cat -- " + Shell.quote(path)).asBecome(true, null)
                    .withTimeout(Duration.ofSeconds(30)));
            if (r.exitCode() != 0) {
                throw new PlanException(host + ": cannot read " + path + " (" + r.stderr().strip() + "): is the node bootstrapped"
                        + " (pgha bootstrap)?");
            }
            return r.stdout();
        } catch (TransportException e) {
            throw new PlanException(host + ": reading " + path + " failed: " + e.getMessage());
        }
    }

    private List<SettingChange> withContexts(String host, Connection c, List<String[]> diff) throws PlanException {
        if (diff.isEmpty()) return List.of();
        Map<String, String> contexts = new HashMap<>();
        try (PortForward fwd = c.forward("127.0.0.1", target.port());
             java.sql.Connection db = Jdbc.connect(fwd.localPort(), target, "pgha-push-config");
             PreparedStatement ps = db.prepareStatement("select name, context from pg_settings where name = any(?)")) {
            Array names = db.createArrayOf("text", diff.stream().map(d -> d[0]).toArray());
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) contexts.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new PlanException(Jdbc.describe(host, target, e));
        } catch (TransportException e) {
            throw new PlanException(host + ": " + e.getMessage());
        }
        List<SettingChange> out = new ArrayList<>();
        // a name pg_settings does not know is a custom (extension) setting: those reload
        for (String[] d : diff) out.add(new SettingChange(d[0], d[1], d[2], contexts.getOrDefault(d[0], "user")));
        return out;
    }
}
