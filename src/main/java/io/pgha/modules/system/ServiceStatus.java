package io.pgha.modules.system;

/**
 * A service as the host reports it.
 *
 * @param found          the init system knows the service
 * @param running        active (or activating/reloading)
 * @param enabled        starts at boot
 * @param fixedBoot      systemd static/generated/transient units: enabling is not up to us, so
 *                       'enabled' is left alone instead of flapping every run
 * @param detail         the raw state words, for messages (active/enabled, ...)
 */
record ServiceStatus(boolean found, boolean running, boolean enabled, boolean fixedBoot, String detail) {}
