package io.pgha.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlNodesTest {

    private static Object java(String yaml) {
        YamlNodes doc = YamlNodes.parse(yaml, "t.yml");
        return doc.toJava(doc.root());
    }

    @Test
    void modesWithLeadingZeroStayStrings() {
        Map<?, ?> m = (Map<?, ?>) java("a: 0644\nb: 0755\nc: 644\nd: 0\ne: -12\nf: 0x1F\ng: 00.5\n");
        assertEquals("0644", m.get("a"));
        assertEquals("0755", m.get("b"));
        assertEquals(644, m.get("c"));
        assertEquals(0, m.get("d"));
        assertEquals(-12, m.get("e"));
        assertEquals(31, m.get("f"));
        assertEquals("00.5", m.get("g"));
    }

    @Test
    void onlyTrueAndFalseAreBooleans() {
        Map<?, ?> m = (Map<?, ?>) java("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: y\nh: NO\n");
        assertEquals("yes", m.get("a"));
        assertEquals("no", m.get("b"));
        assertEquals("on", m.get("c"));
        assertEquals("off", m.get("d"));
        assertEquals(Boolean.TRUE, m.get("e"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertEquals("y", m.get("g"));
        assertEquals("NO", m.get("h"));
    }

    @Test
    void plainJavaTypes() {
        Map<?, ?> m = (Map<?, ?>) java("""
                i: 42
                l: 12345678901
                d: 16.4
                e: 1e3
                n: ~
                n2: null
                empty:
                s: "0644"
                q: 'true'
                date: 2024-01-02
                ip: 172.30.107.156
                ver: 1.2.3
                list: [1, two, 3.5]
                map: {k: v}
                """);
        assertEquals(42, m.get("i"));
        assertEquals(12345678901L, m.get("l"));
        assertEquals(16.4, m.get("d"));
        assertEquals(1000.0, m.get("e"));
        assertNull(m.get("n"));
        assertNull(m.get("n2"));
        assertTrue(m.containsKey("empty"));
        assertNull(m.get("empty"));
        assertEquals("0644", m.get("s"));
        assertEquals("true", m.get("q"));
        assertEquals("2024-01-02", m.get("date"));
        assertEquals("172.30.107.156", m.get("ip"));
        assertEquals("1.2.3", m.get("ver"));
        assertEquals(List.of(1, "two", 3.5), m.get("list"));
        assertEquals(Map.of("k", "v"), m.get("map"));
    }

    @Test
    void keyOrderIsKeptAndKeyLocationsRemembered() {
        YamlNodes doc = YamlNodes.parse("z: 1\na:\n  nested: 2\nm: 3\n", "vars.yml");
        Map<String, SourceLocation> where = new LinkedHashMap<>();
        Map<String, Object> m = doc.toJavaMap(doc.root(), "vars", where);
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
        assertEquals(new SourceLocation("vars.yml", 1, 1), where.get("z"));
        assertEquals(new SourceLocation("vars.yml", 2, 1), where.get("a"));
        assertEquals(new SourceLocation("vars.yml", 4, 1), where.get("m"));
        assertEquals("vars.yml:4:1", where.get("m").toString());
    }

    @Test
    void mergeKeysAndAliases() {
        Map<?, ?> m = (Map<?, ?>) java("""
                base: &b {port: 5432, user: pg}
                db: {<<: *b, user: other}
                list: &l [1, 2]
                again: *l
                """);
        assertEquals(Map.of("port", 5432, "user", "other"), m.get("db"));
        assertEquals(List.of(1, 2), m.get("again"));
    }

    @Test
    void duplicateKeyIsAnErrorAnywhere() {
        InputException e = assertThrows(InputException.class,
                () -> YamlNodes.parse("a:\n  x: 1\n  y: 2\n  x: 3\n", "dup.yml"));
        assertEquals(new SourceLocation("dup.yml", 4, 3), e.location());
        assertEquals("x", e.field());
        assertTrue(e.getMessage().contains("duplicate key 'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void malformedYamlNamesFileLineColumnAndProblem() {
        InputException e = assertThrows(InputException.class,
                () -> YamlNodes.parse("all:\n  hosts:\n    db06: {a: 1\n  vars: x\n", "bad.yml"));
        assertEquals("bad.yml", e.location().file());
        assertTrue(e.location().line() >= 3, e.describe());
        assertTrue(e.location().column() > 0, e.describe());
        assertTrue(e.getMessage().startsWith("malformed YAML: "), e.getMessage());

        InputException tab = assertThrows(InputException.class, () -> YamlNodes.parse("a:\n\tb: 1\n", "tab.yml"));
        assertEquals(2, tab.location().line());
        assertTrue(tab.describe().startsWith("tab.yml:2:"), tab.describe());

        InputException bad = assertThrows(InputException.class, () -> YamlNodes.parse("a: b: c\n", "x.yml"));
        assertEquals(1, bad.location().line());
        assertTrue(bad.getMessage().contains("mapping values are not allowed"), bad.getMessage());
    }

    @Test
    void multipleDocumentsAreRejected() {
        InputException e = assertThrows(InputException.class, () -> YamlNodes.parse("a: 1\n---\nb: 2\n", "multi.yml"));
        assertTrue(e.getMessage().startsWith("malformed YAML"), e.getMessage());
    }

    @Test
    void recursiveAliasIsAnError() {
        YamlNodes doc = YamlNodes.parse("a: &x [1, *x]\n", "rec.yml");
        assertThrows(InputException.class, () -> doc.toJava(doc.root()));
    }

    @Test
    void explicitStandardTagsWorkOthersAreRefused() {
        Map<?, ?> m = (Map<?, ?>) java("a: !!str 0644\nb: !!str true\nc: !!int '42'\n");
        assertEquals("0644", m.get("a"));
        assertEquals("true", m.get("b"));
        assertEquals(42, m.get("c"));
        InputException e = assertThrows(InputException.class,
                () -> YamlNodes.parse("pw: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n", "v.yml"));
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("Ansible Vault is not supported"), e.getMessage());
        assertThrows(InputException.class, () -> YamlNodes.parse("x: !custom 1\n", "c.yml"));
    }

    @Test
    void emptyFileHasNoRoot() {
        YamlNodes doc = YamlNodes.parse("# only a comment\n", "empty.yml");
        assertNull(doc.root());
        assertTrue(doc.mapping(doc.root(), "x").isEmpty());
        assertTrue(doc.sequence(doc.root(), "x").isEmpty());
    }

    @Test
    void wrongShapesNameTheField() {
        YamlNodes doc = YamlNodes.parse("vars: [1, 2]\nname: {a: 1}\n", "s.yml");
        Map<String, YamlNodes.Entry> top = doc.mapping(doc.root(), null);
        InputException e = assertThrows(InputException.class, () -> doc.mapping(top.get("vars").value(), "vars"));
        assertEquals("s.yml:1:7: field 'vars': must be a mapping (key: value), got a list", e.describe());
        InputException s = assertThrows(InputException.class, () -> doc.scalar(top.get("name").value(), "name"));
        assertEquals("name", s.field());
        assertEquals(2, s.location().line());
        assertThrows(InputException.class, () -> doc.sequence(top.get("name").value(), "name"));
    }

    @Test
    void readMissingFileIsInputException(@TempDir Path dir) throws Exception {
        InputException e = assertThrows(InputException.class, () -> YamlNodes.read(dir.resolve("nope.yml")));
        assertTrue(e.describe().contains("nope.yml"), e.describe());
        Path f = dir.resolve("ok.yml");
        Files.writeString(f, "a: 1\n");
        YamlNodes doc = YamlNodes.read(f);
        assertEquals(f.toString(), doc.file());
        assertEquals(Map.of("a", 1), doc.toJava(doc.root()));
    }

    @Test
    void suggestFindsTyposOnly() {
        List<String> keywords = List.of("when", "register", "notify", "become", "become_user", "loop", "tags");
        assertEquals("when", Suggest.nearest("whne", keywords));
        assertEquals("register", Suggest.nearest("regster", keywords));
        assertEquals("become_user", Suggest.nearest("becom_user", keywords));
        assertEquals("notify", Suggest.nearest("Notify", keywords));
        assertNull(Suggest.nearest("completely_different", keywords));
        assertNull(Suggest.nearest("x", keywords));
        assertEquals(" (did you mean 'loop'?)", Suggest.didYouMean("lop", keywords));
        assertEquals("", Suggest.didYouMean("zzzzzz", keywords));
    }
}
