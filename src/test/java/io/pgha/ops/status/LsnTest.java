package io.pgha.ops.status;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LsnTest {
    @Test
    void parsesBothHalvesAndPrintsThemBackAsPostgreSqlDoes() {
        Lsn l = Lsn.parse("16/B374D848");
        assertEquals((0x16L << 32) | 0xB374D848L, l.value());
        assertEquals("16/B374D848", l.toString());
        assertEquals("0/0", Lsn.parse("0/0").toString());
    }

    @Test
    void distanceCrossesTheHalfBoundary() {
        assertEquals(0x10L, Lsn.parse("1/8").bytesAfter(Lsn.parse("0/FFFFFFF8")));
        assertEquals(-0x10L, Lsn.parse("0/FFFFFFF8").bytesAfter(Lsn.parse("1/8")));
        assertTrue(Lsn.parse("1/0").compareTo(Lsn.parse("0/FFFFFFFF")) > 0);
    }

    @Test
    void refusesWhatIsNotAnLsn() {
        for (String bad : new String[] {null, "", "12", "/1", "1/", "x/1", "100000000/0"}) {
            assertThrows(IllegalArgumentException.class, () -> Lsn.parse(bad), String.valueOf(bad));
        }
    }
}
