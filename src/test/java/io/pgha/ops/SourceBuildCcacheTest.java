package io.pgha.ops;

import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import io.pgha.template.VarsModel;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pg_build_ccache_dir: off by default (the source builds' commands are gcc's, as before); set, configure,
 * make and make install of PostgreSQL and keepalived run with CC="ccache gcc" and CCACHE_DIR, and ccache is
 * installed on the build node first.
 */
class SourceBuildCcacheTest {
    private static final Path TASKS = Path.of("playbooks/tasks");
    private final Expressions ex = new Expressions(Freemarker.configuration(List.of()));

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(String file) throws IOException {
        return (List<Map<String, Object>>) new Yaml().load(Files.readString(TASKS.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static String cmd(List<Map<String, Object>> tasks, String namePrefix) {
        return tasks.stream().filter(t -> String.valueOf(t.get("name")).startsWith(namePrefix)).findFirst()
                .map(t -> String.valueOf(((Map<String, Object>) t.get("shell")).get("cmd")))
                .orElseThrow(() -> new AssertionError("no task named " + namePrefix + "..."));
    }

    private String render(String text, String ccacheDir) {
        Map<String, Object> v = new HashMap<>();
        v.put("pg_build_ccache_dir", ccacheDir);
        v.put("pg_configure_options", "--prefix=/home/postgres/pghome");
        v.put("ka_configure_options", "--prefix=/usr/local/keepalived");
        v.put("ansible_processor_vcpus", 2);
        v.put("pg_make_target", "world-bin");
        v.put("pg_install_target", "install-world-bin");
        v.put("pg_user", "postgres");
        v.put("pg_group", "postgres");
        v.put("pg_prefix", "/home/postgres/pghome");
        return ex.render(text, VarsModel.of(v, ex), "test");
    }

    @Test
    void offByDefaultTheBuildsRunGccAsBefore() throws IOException {
        assertTrue(Files.readString(Path.of("playbooks/vars/defaults.yml")).contains("\npg_build_ccache_dir: \"\"\n"));
        List<Map<String, Object>> pg = tasks("pg_install_source.yml");
        assertEquals("./configure --prefix=/home/postgres/pghome", render(cmd(pg, "configure "), ""));
        assertEquals("make -j2 world-bin", render(cmd(pg, "make ${pg_make_target}"), ""));
        assertEquals("make install-world-bin && chown -R postgres:postgres /home/postgres/pghome", render(cmd(pg, "make ${pg_install_target}"), ""));
        assertEquals("./configure --prefix=/usr/local/keepalived && make -j2 && make install",
                render(cmd(tasks("ka_install_source.yml"), "keepalived configure"), ""));
    }

    @Test
    void setEveryBuildStepRunsThroughCcacheInThatFolder() throws IOException {
        String env = "export CC=\"ccache gcc\" CCACHE_DIR=/var/cache/pgha-ccache; ";
        List<Map<String, Object>> pg = tasks("pg_install_source.yml");
        assertEquals(env + "./configure --prefix=/home/postgres/pghome", render(cmd(pg, "configure "), "/var/cache/pgha-ccache"));
        assertEquals(env + "make -j2 world-bin", render(cmd(pg, "make ${pg_make_target}"), "/var/cache/pgha-ccache"));
        assertEquals(env + "make install-world-bin && chown -R postgres:postgres /home/postgres/pghome",
                render(cmd(pg, "make ${pg_install_target}"), "/var/cache/pgha-ccache"));
        assertEquals(env + "./configure --prefix=/usr/local/keepalived && make -j2 && make install",
                render(cmd(tasks("ka_install_source.yml"), "keepalived configure"), "/var/cache/pgha-ccache"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void ccacheIsInstalledOnTheBuildNodeBeforeTheBuildOnlyWhenSet() throws IOException {
        for (String file : List.of("pg_install_source.yml", "ka_install_source.yml")) {
            List<Map<String, Object>> tasks = tasks(file);
            int install = -1, build = -1;
            for (int i = 0; i < tasks.size(); i++) {
                Map<String, Object> t = tasks.get(i);
                Object pkg = t.get("package");
                if (pkg instanceof Map<?, ?> m && "ccache".equals(m.get("name"))) {
                    install = i;
                    String when = String.valueOf(t.get("when"));
                    assertTrue(when.contains("pg_build_ccache_dir?has_content") && when.contains("inventory_hostname == pg_build_host"), file + ": " + when);
                }
                if (t.get("shell") instanceof Map<?, ?> m && String.valueOf(m.get("cmd")).contains("./configure") && build < 0) build = i;
            }
            assertTrue(install >= 0 && build > install, file + ": ccache installed at task " + install + ", build at " + build);
            assertFalse(render(String.valueOf(tasks.get(build).get("name")), "").contains("ccache"), file);
        }
    }
}
