package io.pgha.cli;

import io.pgha.lab.Lab;
import io.pgha.lab.LabListener;
import io.pgha.ops.drill.NodeControl;

/** The drill's power and cables on the lab: its container engine (the engine and ops know nothing of the lab). */
final class LabNodeControl implements NodeControl, AutoCloseable {
    private final Lab lab = new Lab(LabSupport.config(), LabListener.SILENT);

    @Override public void powerOff(String host) { lab.powerOff(host); }
    @Override public void powerOn(String host) { lab.powerOn(host); }
    @Override public void disconnect(String host) { lab.disconnect(host); }
    @Override public void reconnect(String host) { lab.reconnect(host); }
    @Override public String name() { return "lab"; }

    @Override
    public void close() { lab.close(); }
}
