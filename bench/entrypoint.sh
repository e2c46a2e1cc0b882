#!/bin/sh
# Fresh host keys per container (each node is its own host), the bench key authorized for 'pgha'
# (given as AUTHORIZED_KEY by bench/run.sh), then sshd in the foreground as PID 1.
set -eu
ssh-keygen -A >/dev/null
if [ -n "${AUTHORIZED_KEY:-}" ]; then
  printf '%s\n' "$AUTHORIZED_KEY" > /home/pgha/.ssh/authorized_keys
  chown pgha:pgha /home/pgha/.ssh/authorized_keys
  chmod 0600 /home/pgha/.ssh/authorized_keys
fi
install -d -m 0755 /run/sshd
exec /usr/sbin/sshd -D -e
