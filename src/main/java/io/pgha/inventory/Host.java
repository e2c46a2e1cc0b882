package io.pgha.inventory;

import io.pgha.core.SourceLocation;

/** A host as named in the inventory, and where it was first declared. */
public record Host(String name, SourceLocation location) {
    @Override
    public String toString() { return name; }
}
