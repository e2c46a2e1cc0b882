package io.pgha.playbook;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import io.pgha.modules.ArgSpec;
import io.pgha.modules.ArgSpec.Type;
import io.pgha.modules.Module;
import io.pgha.modules.ModuleContext;
import io.pgha.modules.ModuleRegistry;
import io.pgha.modules.ModuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookLoaderTest {
    @TempDir Path dir;

    /** A module that only declares arguments; the loader never runs modules. */
    record Spec(String name, ArgSpec spec) implements Module {
        @Override public ModuleResult run(ModuleContext ctx, Map<String, Object> args) { return ModuleResult.ok(null); }
    }

    static ModuleRegistry registry() {
        return new ModuleRegistry()
                .register(new Spec("command", ArgSpec.builder().freeForm("cmd").optional("cmd", Type.STRING)
                        .optional("argv", Type.LIST).optional("chdir", Type.STRING).oneOf("cmd", "argv")))
                .register(new Spec("shell", ArgSpec.builder().freeForm("cmd").required("cmd", Type.STRING)))
                .register(new Spec("copy", ArgSpec.builder().optional("src", Type.STRING).optional("content", Type.STRING)
                        .required("dest", Type.STRING).alias("path", "dest").optional("mode", Type.ANY)
                        .optional("backup", Type.BOOL, false).oneOf("src", "content")))
                .register(new Spec("service", ArgSpec.builder().required("name", Type.STRING)
                        .choice("state", false, null, "started", "stopped", "restarted", "reloaded")
                        .optional("enabled", Type.BOOL).oneOf("state", "enabled")))
                .register(new Spec("wait_for", ArgSpec.builder().optional("port", Type.INT).optional("timeout", Type.INT, 300)))
                .register(new Spec("set_fact", ArgSpec.builder().anyArgs()))
                .register(new Spec("assert", ArgSpec.builder().expression("that", true)))
                .register(new Spec("pg_conf", ArgSpec.builder().optional("settings", Type.MAP)));
    }

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Playbook load(Path p) { return new PlaybookLoader(registry()).load(p); }

    private InputException bad(String yaml) throws IOException {
        Path p = write("bad.yml", yaml);
        return assertThrows(InputException.class, () -> load(p));
    }

    private InputException badTask(String taskYaml) throws IOException {
        return bad("- hosts: all\n  tasks:\n" + taskYaml.indent(4));
    }

    @Test
    void everyTaskKeyword() throws IOException {
        Path p = write("site.yml", """
                - name: cluster
                  hosts: pg_cluster
                  tasks:
                    - name: copy config
                      copy:
                        src: pg.conf
                        path: /etc/pg.conf
                        mode: 0644
                        backup: yes
                      when: pg_role == "primary"
                      register: copied
                      notify: restart pg
                      changed_when: copied.changed
                      failed_when: [copied.failed, other]
                      ignore_errors: true
                      retries: 3
                      until: copied is defined
                      delay: 2
                      tags: [config, pg]
                      run_once: true
                      delegate_to: db06
                      loop: [a, b]
                      become: false
                      become_user: postgres
                      vars: {x: 1, mode: 0755}
                      no_log: true
                    - command: echo hi
                      when: [true, a == b]
                      notify: [one, two]
                      tags: "a, b"
                      loop: pg_users
                  handlers:
                    - name: restart pg
                      command: systemctl restart postgresql
                    - name: one
                      listen: two
                      command: echo one
                """);
        Playbook pb = load(p);
        assertEquals(p, pb.path());
        assertEquals(dir.toAbsolutePath().normalize(), pb.baseDir());
        Task t = pb.plays().get(0).tasks().get(0);
        assertEquals("copy config", t.name());
        assertEquals("copy", t.module());
        assertEquals(Map.of("src", "pg.conf", "dest", "/etc/pg.conf", "mode", "0644", "backup", "yes"), t.args());
        assertEquals(List.of("pg_role == \"primary\""), t.when());
        assertEquals("copied", t.register());
        assertEquals(List.of("restart pg"), t.notifies());
        assertEquals("copied.changed", t.changedWhen());
        assertEquals("(copied.failed) && (other)", t.failedWhen());
        assertTrue(t.ignoreErrors());
        assertEquals(3, t.retries());
        assertEquals("copied is defined", t.until());
        assertEquals(Duration.ofSeconds(2), t.delay());
        assertEquals(List.of("config", "pg"), t.tags());
        assertTrue(t.runOnce());
        assertEquals("db06", t.delegateTo());
        assertEquals(List.of("a", "b"), t.loop());
        assertEquals(Boolean.FALSE, t.become());
        assertEquals("postgres", t.becomeUser());
        assertEquals(Map.of("x", 1, "mode", "0755"), t.vars());
        assertTrue(t.noLog());
        assertEquals(List.of(), t.listen());
        assertEquals(new SourceLocation(p.toString(), 4, 7), t.location());
        assertEquals(new SourceLocation(p.toString(), 7, 9), t.argLocations().get("dest"), "alias 'path' is stored as 'dest'");
        assertEquals(new SourceLocation(p.toString(), 10, 13), t.argLocations().get("when"));
        assertEquals(new SourceLocation(p.toString(), 22, 13), t.argLocations().get("loop"));

        Task c = pb.plays().get(0).tasks().get(1);
        assertEquals("command", c.module());
        assertNull(c.name());
        assertEquals(Map.of("cmd", "echo hi"), c.args());
        assertEquals(List.of("true", "a == b"), c.when());
        assertEquals(List.of("one", "two"), c.notifies());
        assertEquals(List.of("a", "b"), c.tags());
        assertEquals("pg_users", c.loop());
        assertNull(c.delay());
        assertNull(c.become());
        assertFalse(c.ignoreErrors());
        assertEquals(0, c.retries());
        assertEquals(new SourceLocation(p.toString(), 27, 16), c.argLocations().get("cmd"));
    }

    @Test
    void everyPlayKeyword() throws IOException {
        write("vars/one.yml", "a: from_one\nb: from_one\n");
        write("vars/two.yml", "b: from_two\n");
        Path p = write("site.yml", """
                - name: first
                  hosts: [db06, db07]
                  vars: {a: from_vars, c: from_vars}
                  vars_files: [vars/one.yml, vars/two.yml]
                  become: yes
                  become_user: root
                  serial: 1
                  gather_facts: false
                  any_errors_fatal: true
                  tags: setup
                  pre_tasks:
                    - command: echo pre
                  tasks:
                    - command: echo main
                    - meta: flush_handlers
                  post_tasks:
                    - command: echo post
                  handlers:
                    - name: restart pg
                      service: {name: postgresql, state: restarted}
                      listen: [pg config changed]
                - hosts: all
                """);
        Playbook pb = load(p);
        assertEquals(2, pb.plays().size());
        Play play = pb.plays().get(0);
        assertEquals("first", play.name());
        assertEquals("db06:db07", play.hosts());
        assertEquals(Map.of("a", "from_one", "b", "from_two", "c", "from_vars"), play.vars());
        assertEquals(Boolean.TRUE, play.become());
        assertEquals("root", play.becomeUser());
        assertEquals(1, play.serial());
        assertFalse(play.gatherFacts());
        assertTrue(play.anyErrorsFatal());
        assertEquals(List.of("setup"), play.tags());
        assertEquals(new SourceLocation(p.toString(), 1, 3), play.location());
        assertEquals(List.of("echo pre", "echo main", "flush_handlers", "echo post"),
                play.tasks().stream().map(t -> t.args().values().iterator().next()).toList());
        assertEquals("meta", play.tasks().get(2).module());
        assertEquals(Map.of("_", "flush_handlers"), play.tasks().get(2).args());
        Task h = play.handlers().get(0);
        assertEquals("service", h.module());
        assertEquals(List.of("pg config changed"), h.listen());

        Play second = pb.plays().get(1);
        assertNull(second.name());
        assertEquals("all", second.hosts());
        assertNull(second.become());
        assertTrue(second.gatherFacts(), "facts are gathered unless turned off, as in Ansible");
        assertEquals(0, second.serial());
        assertEquals(List.of(), second.tasks());
        assertEquals(List.of(), second.handlers());
        assertEquals(Map.of(), second.vars());
    }

    @Test
    void argsKeywordAnyArgsAndRawExpressions() throws IOException {
        Playbook pb = load(write("p.yml", """
                - hosts: all
                  tasks:
                    - command: make install
                      args: {chdir: /src}
                    - set_fact: {anything: 1, goes: [x]}
                    - assert: {that: ["${x} > 1"]}
                    - wait_for: {port: "${pg_port}", timeout: "30"}
                    - pg_conf: {settings: {max_connections: 100}}
                """));
        List<Task> ts = pb.plays().get(0).tasks();
        assertEquals(Map.of("cmd", "make install", "chdir", "/src"), ts.get(0).args());
        assertEquals(Map.of("anything", 1, "goes", List.of("x")), ts.get(1).args());
        assertEquals(Map.of("that", List.of("${x} > 1")), ts.get(2).args());
        assertEquals(Map.of("port", "${pg_port}", "timeout", "30"), ts.get(3).args());
        assertEquals(Map.of("settings", Map.of("max_connections", 100)), ts.get(4).args());
    }

    @Test
    void importTasksIsInlinedWithItsWhenTagsAndVars() throws IOException {
        write("tasks/os.yml", """
                - name: os one
                  command: echo one
                  when: first
                  tags: own
                - import_tasks: more/deeper.yml
                """);
        write("tasks/more/deeper.yml", "- command: echo deep\n");
        write("tasks/handlers.yml", "- name: h\n  command: echo h\n");
        Path p = write("site.yml", """
                - hosts: all
                  tasks:
                    - command: echo before
                    - import_tasks: tasks/os.yml
                      when: ansible_os_family == "Debian"
                      tags: [os]
                      vars: {v: 1}
                    - command: echo after
                  handlers:
                    - import_tasks: tasks/handlers.yml
                """);
        Play play = load(p).plays().get(0);
        List<Task> ts = play.tasks();
        assertEquals(4, ts.size());
        assertEquals(List.of("echo before", "echo one", "echo deep", "echo after"), ts.stream().map(t -> t.args().get("cmd")).toList());
        Task one = ts.get(1);
        assertEquals(List.of("ansible_os_family == \"Debian\"", "first"), one.when());
        assertEquals(List.of("os", "own"), one.tags());
        assertEquals(Map.of("v", 1), one.vars());
        assertEquals(new SourceLocation(dir.resolve("tasks/os.yml").toString(), 1, 3), one.location());
        Task deep = ts.get(2);
        assertEquals(List.of("ansible_os_family == \"Debian\""), deep.when());
        assertEquals(List.of("os"), deep.tags());
        assertEquals(dir.resolve("tasks/more/deeper.yml").toString(), deep.location().file());
        assertEquals(new SourceLocation(p.toString(), 5, 13), deep.argLocations().get("when"));
        assertEquals(List.of(), ts.get(3).when());
        assertEquals("h", play.handlers().get(0).name());
    }

    @Test
    void aPlainBlockIsItsTasksWithTheBlocksKeywords() throws IOException {
        write("tasks/inner.yml", "- name: imported\n  command: echo imported\n");
        Path p = write("site.yml", """
                - hosts: all
                  tasks:
                    - block:
                        - name: plain
                          command: echo plain
                        - name: own
                          command: echo own
                          when: own_cond
                          tags: own
                          vars: {v: task, w: task}
                          become: false
                          ignore_errors: false
                          delegate_to: db07
                        - block:
                            - import_tasks: tasks/inner.yml
                          when: inner_cond
                          become_user: inner
                          no_log: false
                      when: outer_cond
                      tags: [outer]
                      vars: {v: block, x: block}
                      become: true
                      become_user: postgres
                      ignore_errors: true
                      delegate_to: db06
                      run_once: true
                      no_log: true
                    - command: echo after
                """);
        List<Task> ts = load(p).plays().get(0).tasks();
        assertEquals(List.of("plain", "own", "imported", "command"), ts.stream().map(Task::displayName).toList(),
                "a block without rescue, always or name is loaded as its tasks, nested blocks and imports too");
        Task plain = ts.get(0);
        assertNull(plain.block());
        assertEquals(List.of("outer_cond"), plain.when());
        assertEquals(List.of("outer"), plain.tags());
        assertEquals(Map.of("v", "block", "x", "block"), plain.vars());
        assertEquals(Boolean.TRUE, plain.become());
        assertEquals("postgres", plain.becomeUser());
        assertTrue(plain.ignoreErrors());
        assertEquals("db06", plain.delegateTo());
        assertTrue(plain.runOnce());
        assertTrue(plain.noLog());
        assertEquals(new SourceLocation(p.toString(), 19, 13), plain.argLocations().get("when"), "the block's when, for messages");

        Task own = ts.get(1);
        assertEquals(List.of("outer_cond", "own_cond"), own.when(), "the block's when first, then the task's");
        assertEquals(List.of("outer", "own"), own.tags());
        assertEquals(Map.of("v", "task", "w", "task", "x", "block"), own.vars(), "the task's vars win");
        assertEquals(Boolean.FALSE, own.become(), "what a task sets itself wins over its block");
        assertFalse(own.ignoreErrors());
        assertEquals("db07", own.delegateTo());
        assertEquals("postgres", own.becomeUser());
        assertEquals(new SourceLocation(p.toString(), 8, 17), own.argLocations().get("when"));

        Task imported = ts.get(2);
        assertEquals(List.of("outer_cond", "inner_cond"), imported.when());
        assertEquals("inner", imported.becomeUser(), "the nearer block wins");
        assertFalse(imported.noLog());
        assertTrue(imported.ignoreErrors());
        assertEquals(dir.resolve("tasks/inner.yml").toString(), imported.location().file());

        assertEquals(List.of(), ts.get(3).when());
        assertNull(ts.get(3).become());
    }

    @Test
    void aBlockWithRescueOrAlwaysOrANameStaysABlock() throws IOException {
        Path p = write("site.yml", """
                - hosts: all
                  tasks:
                    - name: install
                      block:
                        - command: echo build
                          notify: restart
                      rescue:
                        - command: echo package
                        - block:
                            - command: echo nested
                          always:
                            - command: echo nested always
                      always:
                        - command: echo clean
                      when: go
                      tags: install
                    - name: named
                      block:
                        - command: echo named
                  handlers:
                    - block:
                        - name: restart
                          command: echo restart
                      when: go
                """);
        Play play = load(p).plays().get(0);
        assertEquals(2, play.tasks().size());
        Task install = play.tasks().get(0);
        assertEquals("install", install.name());
        assertEquals("block", install.module());
        assertEquals(new SourceLocation(p.toString(), 3, 7), install.location());
        Task.Block b = install.block();
        assertEquals(List.of("echo build"), b.tasks().stream().map(t -> t.args().get("cmd")).toList());
        assertEquals("echo package", b.rescue().get(0).args().get("cmd"));
        Task nested = b.rescue().get(1);
        assertEquals("block", nested.module());
        assertEquals(List.of("echo nested always"), nested.block().always().stream().map(t -> t.args().get("cmd")).toList());
        assertEquals(List.of("echo build", "echo package", "echo nested", "echo nested always", "echo clean"),
                Task.leaves(play.tasks()).stream().limit(5).map(t -> t.args().get("cmd")).toList());
        for (Task t : Task.leaves(List.of(install))) {
            assertEquals(List.of("go"), t.when(), "the block's when holds in block, rescue and always: " + t.args());
            assertEquals(List.of("install"), t.tags());
        }
        Task named = play.tasks().get(1);
        assertEquals("named", named.name());
        assertEquals(List.of(), named.block().rescue());

        Task handler = play.handlers().get(0);
        assertEquals("restart", handler.name(), "a block in handlers is loaded as its handlers");
        assertEquals(List.of("go"), handler.when());
    }

    @Test
    void blockProblems() throws IOException {
        InputException e = badTask("- block:\n    command: echo\n");
        assertEquals("block", e.field());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("must be a list of tasks"), e.getMessage());

        e = badTask("- command: echo\n  rescue:\n    - command: echo\n");
        assertEquals("rescue", e.field());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("beside a block:"), e.getMessage());
        e = badTask("- always:\n    - command: echo\n");
        assertEquals("always", e.field());

        e = badTask("- block:\n    - command: echo\n  whne: x\n");
        assertEquals("whne", e.field());
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("unknown block keyword 'whne'") && e.getMessage().contains("did you mean 'when'?"), e.getMessage());
        assertTrue(e.describe().startsWith(dir.resolve("bad.yml") + ":5:"), e.describe());

        e = badTask("- block:\n    - command: echo\n  command: echo beside\n");
        assertEquals("command", e.field());
        assertTrue(e.getMessage().contains("a block runs no module itself"), e.getMessage());
        e = badTask("- block:\n    - command: echo\n  register: r\n");
        assertEquals("register", e.field());
        assertTrue(e.getMessage().contains("does not go on a block"), e.getMessage());
        e = badTask("- block:\n    - command: echo\n  any_errors_fatal: true\n");
        assertTrue(e.getMessage().contains("play keyword"), e.getMessage());
        e = badTask("- block:\n    - command: echo\n  become: perhaps\n");
        assertEquals("become", e.field());
        e = badTask("- blok:\n    - command: echo\n");
        assertTrue(e.getMessage().contains("did you mean 'block'?"), e.getMessage());

        e = badTask("- block:\n    - block:\n        - copy: {dest: /x}\n");
        assertEquals(5, e.location().line(), "a task in a nested block is checked as any other: " + e.describe());
        assertTrue(e.getMessage().contains("needs one of: src, content"), e.getMessage());
        e = badTask("- block:\n    - command: echo\n  rescue:\n    - command: echo\n      notify: nobody\n");
        assertEquals("notify", e.field());
        assertEquals(7, e.location().line());

        e = bad("- hosts: all\n  handlers:\n    - block:\n        - name: h\n          command: echo\n      always:\n        - command: echo\n");
        assertEquals("always", e.field());
        assertTrue(e.getMessage().contains("handlers"), e.getMessage());
        e = bad("- hosts: all\n  block:\n    - command: echo\n");
        assertTrue(e.getMessage().contains("belongs in a task"), e.getMessage());
    }

    @Test
    void varsFilesMissing() throws IOException {
        InputException e = bad("- hosts: all\n  vars_files:\n    - nope.yml\n");
        assertEquals("vars_files", e.field());
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("nope.yml"), e.getMessage());
    }

    @Test
    void unknownTaskKeywordSuggests() throws IOException {
        InputException e = badTask("- command: echo\n  whne: x\n");
        assertEquals("whne", e.field());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("did you mean 'when'?"), e.getMessage());
        assertTrue(e.describe().startsWith(dir.resolve("bad.yml") + ":4:"), e.describe());
    }

    @Test
    void jinjaInAnArgumentIsRefusedWithItsFreemarkerSpellingAndGoTemplatesPass() throws IOException {
        InputException e = badTask("- name: x\n  copy:\n    dest: /tmp/p.conf\n    content: \"host = {{ inventory_hostname }}\"\n");
        assertEquals("content", e.field(), e.getMessage());
        assertEquals(6, e.location().line());
        assertTrue(e.getMessage().startsWith("'{{ inventory_hostname }}' is Jinja2, which pgha does not template: write ${inventory_hostname}"),
                e.getMessage());
        e = badTask("- command: \"echo {{ secret | default('') }}\"\n");
        assertTrue(e.getMessage().contains("write ${secret}"), e.getMessage());
        Path ok = write("ok.yml", """
                - hosts: all
                  tasks:
                    - command: docker version --format '{{.Server.Version}}'
                    - copy: {dest: /tmp/j2, content: '${r"{{ kept }}"}'}
                """);
        assertEquals(2, load(ok).plays().get(0).tasks().size());
    }

    @Test
    void unknownModuleSuggests() throws IOException {
        InputException e = badTask("- name: x\n  copi: {dest: /x, content: y}\n");
        assertEquals("copi", e.field());
        assertTrue(e.getMessage().contains("did you mean 'copy'?"), e.getMessage());
        e = badTask("- with_items: [1]\n  command: echo\n");
        assertTrue(e.getMessage().contains("loop"), e.getMessage());
        e = badTask("- include_tasks: x.yml\n");
        assertTrue(e.getMessage().contains("import_tasks"), e.getMessage());
    }

    @Test
    void moduleCountMustBeOne() throws IOException {
        InputException two = badTask("- copy: {dest: /x, content: y}\n  command: echo\n");
        assertEquals("command", two.field());
        assertTrue(two.getMessage().contains("two modules"), two.getMessage());
        InputException none = badTask("- name: nothing\n  when: x\n");
        assertTrue(none.getMessage().contains("no module"), none.getMessage());
        assertEquals(3, none.location().line());
    }

    @Test
    void argumentProblems() throws IOException {
        InputException e = badTask("- copy: {content: y}\n");
        assertEquals("dest", e.field());
        assertTrue(e.getMessage().contains("needs argument 'dest'"), e.getMessage());

        e = badTask("- copy:\n    content: y\n    dset: /x\n");
        assertEquals("dset", e.field());
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("did you mean 'dest'?"), e.getMessage());

        e = badTask("- copy: {content: y, dest: /a, path: /b}\n");
        assertTrue(e.getMessage().contains("same argument"), e.getMessage());

        e = badTask("- service: {name: pg, state: strated}\n");
        assertEquals("state", e.field());
        assertTrue(e.getMessage().contains("must be one of started, stopped, restarted, reloaded"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'started'?"), e.getMessage());

        e = badTask("- copy: {dest: /x}\n");
        assertTrue(e.getMessage().contains("needs one of: src, content"), e.getMessage());
        e = badTask("- command: {chdir: /}\n");
        assertTrue(e.getMessage().contains("needs one of: cmd, argv"), e.getMessage());

        e = badTask("- wait_for: {port: abc}\n");
        assertEquals("port", e.field());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = badTask("- copy: {content: y, dest: /x, backup: maybe}\n");
        assertEquals("backup", e.field());
        e = badTask("- pg_conf: {settings: max_connections=100}\n");
        assertEquals("settings", e.field());
        e = badTask("- copy: {content: [a], dest: /x}\n");
        assertEquals("content", e.field());
        e = badTask("- command: {argv: {a: 1}}\n");
        assertEquals("argv", e.field());

        e = badTask("- copy: content=y dest=/x\n");
        assertTrue(e.getMessage().contains("as a mapping"), e.getMessage());
        e = badTask("- copy: [a]\n");
        assertTrue(e.getMessage().contains("got a list"), e.getMessage());
        e = badTask("- command: echo\n  args: {cmd: other}\n");
        assertTrue(e.getMessage().contains("twice") || e.getMessage().contains("same argument"), e.getMessage());
    }

    @Test
    void badKeywordValues() throws IOException {
        assertEquals("retries", badTask("- command: x\n  retries: many\n").field());
        assertEquals("delay", badTask("- command: x\n  delay: soon\n").field());
        assertEquals("ignore_errors", badTask("- command: x\n  ignore_errors: perhaps\n").field());
        assertEquals("register", badTask("- command: x\n  register: my-var\n").field());
        assertEquals("loop", badTask("- command: x\n  loop: {a: 1}\n").field());
        assertEquals("when", badTask("- command: x\n  when: {a: 1}\n").field());
        assertEquals("vars", badTask("- command: x\n  vars: [1]\n").field());
        assertEquals("listen", badTask("- command: x\n  listen: y\n").field());
        assertEquals("meta", badTask("- meta: end_play\n").field());
        assertEquals("name", badTask("- command: x\n  name: {a: 1}\n").field());
        InputException jinja = badTask("- command: x\n  when: \"{{ pg_role == 'primary' }}\"\n");
        assertEquals("when", jinja.field());
        assertTrue(jinja.getMessage().contains("Freemarker"), jinja.getMessage());
        assertEquals("loop", badTask("- command: x\n  loop: \"{{ users }}\"\n").field());
        assertEquals("until", badTask("- command: x\n  until: \"{{ r.rc == 0 }}\"\n").field());
        InputException dup = badTask("- command: x\n  when: a\n  when: b\n");
        assertTrue(dup.getMessage().contains("duplicate key 'when'"), dup.getMessage());
        assertEquals("tasks", bad("- hosts: all\n  tasks: {command: x}\n").field());
        assertEquals("tasks", bad("- hosts: all\n  tasks: [echo]\n").field());
    }

    @Test
    void notifyMustNameAHandlerOfThePlay() throws IOException {
        InputException e = bad("""
                - hosts: all
                  tasks:
                    - command: echo
                      notify: restart postgres
                  handlers:
                    - name: restart postgresql
                      command: echo
                """);
        assertEquals("notify", e.field());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("did you mean 'restart postgresql'?"), e.getMessage());
        e = bad("- hosts: all\n  tasks:\n    - command: echo\n      notify: x\n");
        assertTrue(e.getMessage().contains("no handlers"), e.getMessage());
        e = bad("- hosts: all\n  handlers:\n    - command: echo\n");
        assertTrue(e.getMessage().contains("a handler needs a name"), e.getMessage());
        // templated names are only known at run time
        load(write("ok.yml", "- hosts: all\n  tasks:\n    - command: echo\n      notify: \"restart ${svc}\"\n"));
    }

    @Test
    void playProblems() throws IOException {
        InputException e = bad("- hostz: all\n  tasks: []\n");
        assertEquals("hostz", e.field());
        assertTrue(e.getMessage().contains("did you mean 'hosts'?"), e.getMessage());
        e = bad("- name: no hosts\n  tasks: []\n");
        assertEquals("hosts", e.field());
        e = bad("- hosts: all\n  command: echo\n");
        assertTrue(e.getMessage().contains("belongs in a task"), e.getMessage());
        e = bad("- hosts: localhost\n  connection: local\n");
        assertEquals("connection", e.field());
        assertTrue(e.getMessage().contains("no local connection"), e.getMessage());
        e = bad("- hosts: all\n  serial: half\n");
        assertEquals("serial", e.field());
        e = bad("- hosts: all\n  gather_facts: sometimes\n");
        assertEquals("gather_facts", e.field());
        e = bad("hosts: all\ntasks: []\n");
        assertTrue(e.getMessage().contains("list of plays"), e.getMessage());
        e = bad("");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = bad("- hosts: all\n  tasks:\n    - command: [oops\n");
        assertTrue(e.getMessage().startsWith("malformed YAML"), e.getMessage());
        assertTrue(e.location().line() >= 3, e.describe());
        assertThrows(InputException.class, () -> load(dir.resolve("missing.yml")));
    }

    @Test
    void importProblems() throws IOException {
        InputException e = badTask("- import_tasks: nope.yml\n");
        assertEquals("import_tasks", e.field());
        assertTrue(e.getMessage().contains("nope.yml"), e.getMessage());
        write("loop.yml", "- import_tasks: loop.yml\n");
        e = badTask("- import_tasks: loop.yml\n");
        assertTrue(e.getMessage().contains("imports itself"), e.getMessage());
        write("map.yml", "command: echo\n");
        e = badTask("- import_tasks: map.yml\n");
        assertTrue(e.getMessage().contains("list of tasks"), e.getMessage());
        write("ok.yml", "- command: echo\n");
        e = badTask("- import_tasks: ok.yml\n  register: r\n");
        assertEquals("register", e.field());
        write("broken.yml", "- command: echo\n  whne: x\n");
        e = badTask("- import_tasks: broken.yml\n");
        assertEquals(dir.resolve("broken.yml").toString(), e.location().file());
        assertEquals(2, e.location().line());
    }

    /** The engine, given a loaded playbook and inventory, refuses bad input before it connects to anything. */
    @Test
    void engineRefusesUnknownHostsAndUndefinedVariablesBeforeConnecting() throws IOException {
        Path invFile = write("inv/hosts.yml", "all:\n  children:\n    pg_cluster:\n      hosts: {db06: , db07: }\n");
        io.pgha.inventory.Inventory inv = new io.pgha.inventory.YamlInventoryLoader(new io.pgha.core.Secrets()).load(invFile);
        List<String> connected = new java.util.ArrayList<>();
        io.pgha.transport.Connector connector = new io.pgha.transport.Connector() {
            @Override public io.pgha.transport.Connection connect(io.pgha.transport.ConnectionSpec spec) {
                connected.add(spec.hostName());
                throw new AssertionError("connected to " + spec.hostName());
            }
            @Override public void close() {}
        };
        io.pgha.engine.PlaybookRunner runner = new io.pgha.engine.PlaybookRunner(registry(), connector,
                new io.pgha.template.Expressions(io.pgha.template.Freemarker.configuration(List.of())), new io.pgha.core.Secrets());
        io.pgha.engine.RunListener quiet = new io.pgha.engine.RunListener() {};

        Path unknownHost = write("p1.yml", "- hosts: pg_cluster\n  gather_facts: false\n  tasks: []\n- hosts: db08\n  tasks: []\n");
        Playbook pb1 = load(unknownHost);
        InputException e = assertThrows(InputException.class,
                () -> runner.run(pb1, inv, io.pgha.engine.RunOptions.defaults(), quiet));
        assertEquals(new SourceLocation(unknownHost.toString(), 4, 3), e.location());
        assertEquals("hosts", e.field());
        assertTrue(e.getMessage().contains("'db08'") && e.getMessage().contains("did you mean"), e.getMessage());

        Path undefinedArg = write("p2.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - command: echo ${nope}\n");
        Playbook pb2 = load(undefinedArg);
        e = assertThrows(InputException.class, () -> runner.run(pb2, inv, io.pgha.engine.RunOptions.defaults(), quiet));
        assertEquals(new SourceLocation(undefinedArg.toString(), 4, 16), e.location());
        assertEquals("cmd", e.field());

        Path undefinedWhen = write("p3.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - command: echo\n      when: nope == 1\n");
        Playbook pb3 = load(undefinedWhen);
        e = assertThrows(InputException.class, () -> runner.run(pb3, inv, io.pgha.engine.RunOptions.defaults(), quiet));
        assertEquals(new SourceLocation(undefinedWhen.toString(), 5, 13), e.location());
        assertEquals("when", e.field());
        assertEquals(List.of(), connected);
    }
}
