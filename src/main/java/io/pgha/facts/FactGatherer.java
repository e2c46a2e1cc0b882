package io.pgha.facts;

import io.pgha.transport.Connection;
import io.pgha.transport.ExecRequest;
import io.pgha.transport.ExecResult;
import io.pgha.transport.TransportException;

import java.time.Duration;

/**
 * Gathers a host's facts in ONE command: a POSIX sh script (no Python, no bash) that prints
 * key=value lines, read by FactsParser. Runs as the login user; needs nothing installed.
 */
public final class FactGatherer {
    static final String SCRIPT = String.join("\n",
            "f=/etc/os-release; [ -r \"$f\" ] || f=/usr/lib/os-release",
            "[ -r \"$f\" ] && grep -E '^(ID|ID_LIKE|VERSION_ID)=' \"$f\" | sed 's/^/os_/'",
            "if [ -d /run/systemd/system ]; then echo init=systemd; else echo init=sysvinit; fi",
            "if command -v apt-get >/dev/null 2>&1; then echo pkg=apt",
            "elif command -v dnf >/dev/null 2>&1; then echo pkg=dnf",
            "elif command -v yum >/dev/null 2>&1; then echo pkg=yum",
            "else echo pkg=; fi",
            "s=$(hostname -s 2>/dev/null) || s=; [ -n \"$s\" ] || s=$(uname -n | cut -d. -f1)",
            "echo \"hostname=$s\"",
            "echo \"fqdn=$(hostname -f 2>/dev/null)\"",
            "echo \"arch=$(uname -m)\"",
            "echo \"cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)\"",
            "awk '/^MemTotal:/ {print \"memkb=\" $2}' /proc/meminfo",
            "echo \"user=$(id -un)\"",
            "ip=ip; command -v ip >/dev/null 2>&1 || ip=/sbin/ip",
            "$ip -o -4 addr show 2>/dev/null | awk '{print \"ipv4=\" $2 \" \" $4}'",
            "exit 0");

    private final Duration timeout;

    public FactGatherer() {
        this(Duration.ofSeconds(60));
    }

    public FactGatherer(Duration timeout) {
        this.timeout = timeout;
    }

    public Facts gather(Connection c) throws TransportException {
        ExecResult r = c.exec(ExecRequest.of(SCRIPT).withTimeout(timeout));
        if (!r.ok()) {
            throw new TransportException(c.hostName() + ": gathering facts failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return FactsParser.parse(r.stdout());
    }
}
