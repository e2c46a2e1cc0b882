package io.pgha.ops.push;

/**
 * How a push applies a setting that needs the primary's restart (CloudNativePG's primaryUpdateMethod):
 * a restart in place (writes pause for the restart), or a switchover to the standby restarted first
 * (writes pause about a second; the roles end swapped and the inventory says so).
 */
public enum PrimaryUpdate { RESTART, SWITCHOVER }
