package io.pgha.lab;

/** One lab node: its inventory name (also its hostname) and fixed IPv4 address. */
public record LabNode(String name, String address) {}
