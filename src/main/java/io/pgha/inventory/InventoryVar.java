package io.pgha.inventory;

import io.pgha.core.SourceLocation;

/** A variable's value as written, and where. */
record InventoryVar(Object value, SourceLocation origin) {}
