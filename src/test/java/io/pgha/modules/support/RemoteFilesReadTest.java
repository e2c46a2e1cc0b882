package io.pgha.modules.support;

import io.pgha.modules.ModuleContext;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 7, part 3: a private file read as root travels on an unlogged stdout; no copy is staged anywhere. */
class RemoteFilesReadTest {
    @Test
    void readingAsRootStagesNoCopyAndKeepsTheContentOutOfTheLog() throws Exception {
        byte[] content = "*:54321:replication:replicator:s3cret\n".getBytes(StandardCharsets.UTF_8);
        List<String> privateCommands = new ArrayList<>();
        List<String> loggedCommands = new ArrayList<>();
        ModuleContext ctx = (ModuleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{ModuleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "become" -> true;
                    case "becomeUser" -> null;
                    case "execPrivate" -> {
                        ExecRequest r = (ExecRequest) args[0];
                        privateCommands.add(r.command() + " become=" + r.become());
                        yield new ExecResult(0, Base64.getMimeEncoder().encodeToString(content), "", Duration.ZERO);
                    }
                    case "exec" -> {
                        loggedCommands.add(String.valueOf(args[0]));
                        yield new ExecResult(1, "", "not expected", Duration.ZERO);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertArrayEquals(content, new RemoteFiles(ctx).read("/home/postgres/.pgpass"));
        assertEquals(List.of("base64 < '/home/postgres/.pgpass' become=true"), privateCommands);
        assertEquals(List.of(), loggedCommands, "no staging copy, no cleanup command");
        assertFalse(privateCommands.get(0).contains("/tmp"));
    }
}
