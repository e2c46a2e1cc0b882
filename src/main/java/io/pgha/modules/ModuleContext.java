package io.pgha.modules;

import io.pgha.facts.Facts;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a module may use for one host and one task. Given by the engine; modules never open
 * connections or read the inventory themselves.
 */
public interface ModuleContext {
    /** Inventory name of the host the module acts on (the delegate's, under delegate_to). */
    String hostName();

    /** Runs a shell command on the host, with the task's become applied. */
    ExecResult exec(String command) throws TransportException;

    /** Runs a request on the host as given (become as set on the request, or the task's when {@link #become()}). */
    ExecResult exec(ExecRequest request) throws TransportException;

    /** Like exec, but its stdout is never shown (-vv): for a file's content that may hold a secret. */
    default ExecResult execPrivate(ExecRequest request) throws TransportException { return exec(request); }

    /** Writes a file as the login user (atomic temp + rename). Prefer support.RemoteFiles for owned files. */
    void upload(byte[] content, String remotePath, int mode) throws TransportException;

    byte[] download(String remotePath) throws TransportException;

    /** Whether the task runs with become, and as whom (root when null). */
    boolean become();

    String becomeUser();

    /** Facts of this host, gathered in one round trip on first call and cached for the run. */
    Facts facts() throws TransportException;

    boolean checkMode();

    boolean diffMode();

    /** The host's variables as the task sees them (inventory, play, registered, loop item). */
    Map<String, Object> vars();

    /** Evaluates a raw Freemarker expression ("x == 1", "result.rc") with this host's vars. */
    Object eval(String expression);

    /** Renders text holding ${...} interpolations with this host's vars. */
    String render(String text);

    /**
     * Renders a Freemarker template file on the controller with this host's vars; the path is
     * resolved like {@link #resolveLocal} with the templates/ folder also searched.
     */
    String renderTemplateFile(String path);

    /** A controller-side path, relative to the playbook's folder (then templates/, files/). */
    Path resolveLocal(String path);

    /** Reports progress of a long step (build, base backup); shown on the console under the task line. */
    void progress(String message);

    /** Registers a value that must never be shown (masked in all output from now on). */
    void secret(String value);
}
