package io.pgha.ops.render;

import io.pgha.inventory.Inventory;
import io.pgha.ops.verify.VerifyTarget;
import io.pgha.ops.verify.VerifyTargets;
import io.pgha.template.Expressions;
import io.pgha.template.Freemarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * push-config's readiness and verification checks see -e as the rendered files do (issue: it resolved
 * the port and the VIP without -e, so `-e pg_port=...` rendered one port and checked the other).
 */
class VerifyTargetsExtraVarsTest {
    @TempDir Path tmp;
    final Map<String, Object> defaults = DefaultVars.load(Path.of(DefaultVars.RELATIVE_PATH));
    final Expressions expressions = new Expressions(Freemarker.configuration(List.of()));

    @Test
    void extraVarsReachTheTargetTheChecksUse() {
        Inventory inv = SeedInventory.load(SeedInventory.copy("seed", tmp, SeedInventory.ARTICLE_SECRETS));
        VerifyTarget plain = VerifyTargets.from(inv, defaults, expressions);
        VerifyTarget withE = VerifyTargets.from(inv, defaults, Map.of("pg_port", 6543, "ka_vip", "172.16.107.160/24"), expressions);
        assertEquals(54321, plain.port());
        assertEquals(6543, withE.port());
        assertEquals("172.16.107.160", withE.vip());
        assertEquals(plain.primary(), withE.primary());
    }
}
