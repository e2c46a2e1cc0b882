package io.pgha.ops;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory follows the cluster: cluster_role values rewritten where they stand, nothing else touched. */
class InventoryRolesTest {
    @TempDir Path tmp;

    @Test
    void theRoleValuesChangeAndCommentsQuotesModeAndTheRestStay() throws Exception {
        Path db06 = Files.writeString(tmp.resolve("db06.yml"), "# the article's first node\ncluster_role: primary   # as built\npg_application_name: pgdb01\n");
        Path db07 = Files.writeString(tmp.resolve("db07.yml"), "cluster_role: \"standby\"\npg_application_name: pgdb02");
        Files.setPosixFilePermissions(db06, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("db06", "standby");
        roles.put("db07", "primary");
        Map<String, SourceLocation> origins = Map.of("db06", new SourceLocation(db06.toString(), 2, 1),
                "db07", new SourceLocation(db07.toString(), 1, 1));

        List<InventoryRoles.Edit> edits = InventoryRoles.plan(roles, origins);
        assertEquals(2, edits.size());
        assertEquals(db06 + ":2:1\n  - cluster_role: primary   # as built\n  + cluster_role: standby   # as built", edits.get(0).toString());
        assertEquals("# the article's first node\ncluster_role: primary   # as built\npg_application_name: pgdb01\n", Files.readString(db06),
                "planning writes nothing");

        InventoryRoles.apply(edits);
        assertEquals("# the article's first node\ncluster_role: standby   # as built\npg_application_name: pgdb01\n", Files.readString(db06));
        assertEquals("cluster_role: \"primary\"\npg_application_name: pgdb02", Files.readString(db07), "no newline added at the end");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(db06)));
        assertEquals(List.of(), InventoryRoles.plan(roles, origins), "already as the cluster is: nothing to change");
    }

    @Test
    void aRoleSetAnywhereElseIsNamedNotGuessed() throws Exception {
        Path hosts = Files.writeString(tmp.resolve("hosts.yml"), "db06: {cluster_role: primary}\n");
        InputException e = assertThrows(InputException.class, () -> InventoryRoles.plan(Map.of("db06", "standby"),
                Map.of("db06", new SourceLocation(hosts.toString(), 1, 7))));
        assertTrue(e.describe().contains("hosts.yml:1:7") && e.getMessage().contains("set it to standby yourself"), e.describe());
        InputException extra = assertThrows(InputException.class, () -> InventoryRoles.plan(Map.of("db06", "standby"),
                Map.of("db06", new SourceLocation("-e", 0, 0))));
        assertTrue(extra.getMessage().contains("not set on a line of an inventory file"), extra.getMessage());
    }
}
