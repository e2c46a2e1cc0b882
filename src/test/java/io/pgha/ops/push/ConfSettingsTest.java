package io.pgha.ops.push;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConfSettingsTest {
    @Test
    void readsSettingsAsPostgreSqlDoes() {
        Map<String, String> s = ConfSettings.parse("""
                # comment
                listen_addresses = '0.0.0.0'   # trailing comment
                Port=54321
                work_mem 4MB
                log_line_prefix = '%m [%p] # not a comment '
                archive_command = 'scp %p ''host'':/x/%f'
                search_path = 'a\\'b'
                include_if_exists = 'other.conf'
                work_mem = 8MB
                   # indented comment
                """);
        assertEquals("0.0.0.0", s.get("listen_addresses"));
        assertEquals("54321", s.get("port"), "names are case-insensitive");
        assertEquals("8MB", s.get("work_mem"), "the last occurrence wins");
        assertEquals("%m [%p] # not a comment ", s.get("log_line_prefix"));
        assertEquals("scp %p 'host':/x/%f", s.get("archive_command"));
        assertEquals("a'b", s.get("search_path"));
        assertFalse(s.containsKey("include_if_exists"));
        assertEquals(List.of("listen_addresses", "port", "work_mem", "log_line_prefix", "archive_command", "search_path"),
                List.copyOf(s.keySet()));
    }

    @Test
    void diffListsChangedAddedAndRemovedSettings() {
        List<String[]> d = PushPlanner.diff(Map.of("work_mem", "4MB", "port", "54321", "old_one", "x"),
                Map.of("work_mem", "8MB", "port", "54321", "new_one", "y"));
        List<String> shown = d.stream().map(x -> x[0] + ":" + x[1] + ">" + x[2]).sorted().toList();
        assertEquals(List.of("new_one:null>y", "old_one:x>null", "work_mem:4MB>8MB"), shown);
    }
}
