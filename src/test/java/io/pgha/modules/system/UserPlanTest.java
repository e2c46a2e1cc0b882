package io.pgha.modules.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserPlanTest {
    static final UserState PG = UserState.parse("postgres:x:999:998:PostgreSQL:/var/lib/postgresql:/bin/bash\n"
            + UserState.SEP + "\npostgres\n" + UserState.SEP + "\npostgres ssl-cert adm\n");

    static UserPlan plan(Integer uid, String group, List<String> groups, boolean append, String home, String shell) {
        return new UserPlan("postgres", uid, group, groups, append, home, shell, null, true, true, false);
    }

    @Test
    void parsesGetentAndId() {
        assertEquals(999, PG.uid());
        assertEquals(998, PG.gid());
        assertEquals("postgres", PG.primaryGroup());
        assertEquals(List.of("ssl-cert", "adm"), PG.groups());
        assertEquals("/var/lib/postgresql", PG.home());
        assertNull(UserState.parse(""));
        assertNull(UserState.parse("\n"));
    }

    @Test
    void nothingToDoWhenFieldsMatch() {
        UserPlan p = plan(999, "postgres", List.of("adm", "ssl-cert"), false, "/var/lib/postgresql", "/bin/bash");
        assertEquals(List.of(), p.differences(PG));
        assertNull(p.usermod(PG));
        assertNull(plan(null, "998", List.of("adm"), true, null, null).usermod(PG));
    }

    @Test
    void usermodCarriesOnlyTheDifferingFields() {
        assertEquals("usermod '-s' '/bin/sh' 'postgres'", plan(999, null, null, false, null, "/bin/sh").usermod(PG));
        assertEquals("usermod '-a' '-G' 'docker' 'postgres'", plan(null, null, List.of("adm", "docker"), true, null, null).usermod(PG));
        assertEquals("usermod '-G' 'adm' 'postgres'", plan(null, null, List.of("adm"), false, null, null).usermod(PG));
        assertEquals("usermod '-u' '1001' '-d' '/srv/pg' 'postgres'", plan(1001, null, null, false, "/srv/pg", null).usermod(PG));
        List<String> d = plan(1001, null, List.of("adm"), false, null, null).differences(PG);
        assertEquals(List.of("uid: 999 -> 1001", "groups: -ssl-cert"), d);
    }

    @Test
    void useraddJoinsTheSameNamedGroupWhenNoGroupIsGiven() {
        String add = plan(null, null, List.of("adm"), false, "/var/lib/postgresql", "/bin/bash").useradd();
        assertTrue(add.contains("getent group 'postgres'") && add.contains("useradd $g '-r' '-G' 'adm'"), add);
        assertTrue(add.endsWith("'-m' 'postgres'"), add);
        String withGroup = new UserPlan("u1", 2000, "staff", null, false, null, null, "A B", false, false, false).useradd();
        assertEquals("g=; useradd $g '-u' '2000' '-g' 'staff' '-c' 'A B' '-M' 'u1'", withGroup);
    }

    @Test
    void namesAreChecked() throws Exception {
        assertEquals("pg_user-1", Accounts.name("user", "pg_user-1"));
        assertThrows(TaskFailure.class, () -> Accounts.name("user", "bad name"));
        assertThrows(TaskFailure.class, () -> Accounts.name("user", "x;rm"));
        assertEquals(1001, GroupModule.gid("pgdba:x:1001:a,b\n"));
        assertNull(GroupModule.gid(""));
    }
}
