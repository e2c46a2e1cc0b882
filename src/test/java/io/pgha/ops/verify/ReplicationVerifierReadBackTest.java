package io.pgha.ops.verify;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standby read-back of "write via VIP": a missing table is "not replayed yet", any other error is an error. */
class ReplicationVerifierReadBackTest {
    /** A result set of one row or none; closed records close(). */
    private static ResultSet rows(boolean oneRow, AtomicBoolean closed) {
        return fake(ResultSet.class, (name, args) -> switch (name) {
            case "next" -> oneRow;
            case "close" -> { closed.set(true); yield null; }
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private static PreparedStatement returning(ResultSet rs) {
        return fake(PreparedStatement.class, (name, args) -> {
            if (name.equals("executeQuery") && args == null) return rs;
            throw new UnsupportedOperationException(name);
        });
    }

    private static PreparedStatement throwing(SQLException e) {
        return fake(PreparedStatement.class, (name, args) -> {
            if (name.equals("executeQuery") && args == null) throw e;
            throw new UnsupportedOperationException(name);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Throwable;
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) ->
                method.getDeclaringClass() == Object.class ? method.invoke(answer, args) : answer.answer(method.getName(), args)));
    }

    @Test
    void theRowIsThere() throws SQLException {
        AtomicBoolean closed = new AtomicBoolean();
        assertTrue(ReplicationVerifier.readBack(returning(rows(true, closed))));
        assertTrue(closed.get(), "the result set is closed");
    }

    @Test
    void noRowYet() throws SQLException {
        assertFalse(ReplicationVerifier.readBack(returning(rows(false, new AtomicBoolean()))));
    }

    @Test
    void anUndefinedTableIsNotReplayedYet() throws SQLException {
        assertFalse(ReplicationVerifier.readBack(throwing(new SQLException("relation \"pgha_verify\" does not exist", "42P01"))));
    }

    @Test
    void anyOtherErrorPropagates() {
        SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        assertSame(shutdown, assertThrows(SQLException.class, () -> ReplicationVerifier.readBack(throwing(shutdown))));
    }
}
