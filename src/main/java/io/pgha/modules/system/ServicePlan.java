package io.pgha.modules.system;

import java.util.ArrayList;
import java.util.List;

/** The steps from a service's status to the wanted one: enable/disable, then start/stop/restart/reload. */
final class ServicePlan {
    private ServicePlan() {}

    /**
     * @param state    started, stopped, restarted, reloaded or null (leave running state alone)
     * @param enabled  true/false or null (leave boot state alone)
     * @return actions among enable, disable, start, stop, restart, reload, in order
     */
    static List<String> steps(ServiceStatus s, String state, Boolean enabled) {
        List<String> steps = new ArrayList<>();
        if (enabled != null && !s.fixedBoot() && enabled != s.enabled()) steps.add(enabled ? "enable" : "disable");
        if (state != null) {
            switch (state) {
                case "started" -> { if (!s.running()) steps.add("start"); }
                case "stopped" -> { if (s.running()) steps.add("stop"); }
                case "restarted" -> steps.add("restart");
                // reloading a stopped service means starting it
                case "reloaded" -> steps.add(s.running() ? "reload" : "start");
                default -> throw new IllegalArgumentException("unknown service state " + state);
            }
        }
        return steps;
    }
}
