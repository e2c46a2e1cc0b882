package io.pgha.cli;

import io.pgha.core.Json;
import io.pgha.ops.drill.DrillReport;
import io.pgha.ops.drill.DrillTrace;
import io.pgha.ops.drill.FailoverDrill.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A failover drill as one self-contained HTML file (no network, no external script): the figures in
 * a table, then a timeline with a lane per node (role, VIP) and one for the client's writes through the
 * VIP in 100 ms steps, with markers for the fault, detection, VIP moved, promotion, first write back and
 * the heal. The page draws the timeline from the drill's data embedded as JSON; it marks the body
 * data-rendered (the number of lanes drawn) when it is done, or data-error when drawing failed.
 */
final class DrillHtml {
    private DrillHtml() {}

    static String render(Outcome o) {
        DrillReport r = o.report();
        StringBuilder h = new StringBuilder(32_768);
        String title = "pgha failover drill: " + r.fault().option() + " on " + r.victim();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style></head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"verdict ").append(o.exitCode() == 0 ? "ok" : "bad").append("\">").append(esc(verdict(o))).append("</p>\n");
        h.append("<table class=\"figures\">\n");
        for (String[] row : figures(r)) {
            h.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1])).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Timeline</h2>\n<div id=\"timeline\"><noscript>The timeline is drawn by the page's script.</noscript></div>\n");
        h.append("<p class=\"legend\"><span class=\"k primary\"></span>primary (takes writes) <span class=\"k standby\"></span>standby"
                + " (read-only) <span class=\"k down\"></span>PostgreSQL down or unreachable <span class=\"k vip\"></span>holds the VIP"
                + " <span class=\"k acked\"></span>writes acknowledged <span class=\"k failed\"></span>writes failed"
                + " (per " + DrillTrace.STEP_MS + " ms)</p>\n");
        h.append("<script type=\"application/json\" id=\"drill-data\">").append(Json.write(data(r)).replace("</", "<\\/"))
                .append("</script>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static String verdict(Outcome o) {
        DrillReport r = o.report();
        if (r.splitBrainMs() > 0) return String.format(Locale.ROOT, "SPLIT BRAIN: two writable primaries for %.1f s", r.splitBrainMs() / 1000.0);
        if (o.exitCode() != 0) return "NOT RECOVERED: " + (o.message() == null ? "writes through the VIP were not back" : o.message());
        return "recovered: no split brain, writes through the VIP acknowledged at the end";
    }

    private static List<String[]> figures(DrillReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"fault", r.fault().option() + " on " + r.victim() + " (" + r.fault().description() + ")"});
        rows.add(new String[] {"roles before", r.oldPrimary() + " primary (timeline " + r.timelineBefore() + "), " + r.standby() + " standby"});
        rows.add(new String[] {"clients", r.clientPath()});
        rows.add(new String[] {"detected", seconds(r.at("detected"))});
        rows.add(new String[] {"VIP moved", seconds(r.at("VIP on"))});
        rows.add(new String[] {"promoted", seconds(r.at("promoted"))});
        rows.add(new String[] {"writes back through the VIP", seconds(r.measure().recoveredMs())
                + (r.measure().recoveredMs() == null ? "" : " (timeline " + r.measure().timelineAfter() + ")")});
        rows.add(new String[] {"longest gap between acknowledged writes", seconds(r.maxWriteGapMs())});
        rows.add(new String[] {"two writable primaries", seconds(r.splitFaultMs()) + " during the fault, " + seconds(r.splitAfterMs()) + " after the heal"});
        rows.add(new String[] {"acknowledged writes lost", r.lost() == null ? "unknown: " + r.lostUnknownWhy() : String.valueOf(r.lost().size())});
        rows.add(new String[] {"writes acknowledged / failed", r.writesAcked() + " / " + r.writesFailed()});
        rows.add(new String[] {"healed (after-phase)", seconds(r.healedMs()) + ": " + r.fault().healDescription()});
        rows.add(new String[] {"drill took", seconds(r.durationMs())});
        return rows;
    }

    private static String seconds(Long ms) { return ms == null ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0); }

    private static Map<String, Object> data(DrillReport r) {
        DrillTrace t = r.trace();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("start_ms", t.startMs());
        d.put("step_ms", t.stepMs());
        d.put("steps", t.steps());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (String n : t.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n);
            m.put("role", t.roles().get(n));
            m.put("vip", t.vip().get(n));
            m.put("vrrp", t.vrrp().get(n));
            nodes.add(m);
        }
        d.put("nodes", nodes);
        d.put("acked", t.acked());
        d.put("failed", t.failed());
        d.put("events", DrillPrinter.events(r));
        return d;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
            h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 8px}
            .verdict{font-weight:600;padding:6px 10px;border-radius:4px;display:inline-block}
            .verdict.ok{background:#e8f5e9;color:#1b5e20}.verdict.bad{background:#ffebee;color:#b71c1c}
            table.figures{border-collapse:collapse;margin-top:12px}
            table.figures th{text-align:left;font-weight:500;color:#555;padding:2px 16px 2px 0}
            table.figures td{padding:2px 0;font-variant-numeric:tabular-nums}
            .legend{color:#555}.k{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-2px}
            .primary{background:#2e7d32}.standby{background:#1565c0}.down{background:#9e9e9e}.vip{background:#ef6c00}
            .acked{background:#66bb6a}.failed{background:#e53935}
            svg text{font:11px system-ui,sans-serif;fill:#333}
            """;

    /** Draws the timeline from #drill-data into #timeline as SVG; no library, no network. */
    private static final String SCRIPT = """
            (function () {
              var NS = 'http://www.w3.org/2000/svg';
              try {
                var d = JSON.parse(document.getElementById('drill-data').textContent);
                var W = 1100, L = 110, laneH = 18, vipH = 8, gap = 10, clientH = 40;
                var top = 12 + 11 * Math.min(d.events.length, 6);
                var H = top + d.nodes.length * (laneH + vipH + gap) + clientH + 40;
                var svg = document.createElementNS(NS, 'svg');
                svg.setAttribute('width', L + W + 20); svg.setAttribute('height', H);
                svg.setAttribute('viewBox', '0 0 ' + (L + W + 20) + ' ' + H);
                var step = W / Math.max(1, d.steps);
                function el(name, attrs, parent) {
                  var e = document.createElementNS(NS, name);
                  for (var k in attrs) e.setAttribute(k, attrs[k]);
                  (parent || svg).appendChild(e); return e;
                }
                function text(x, y, s, attrs) { var t = el('text', Object.assign({x: x, y: y}, attrs || {})); t.textContent = s; return t; }
                function msAt(i) { return d.start_ms + i * d.step_ms; }
                function xOfMs(ms) { return L + (ms - d.start_ms) / d.step_ms * step; }
                function sec(ms) { return (ms / 1000).toFixed(1) + ' s'; }
                // runs of equal values become one rectangle each
                function runs(values, y, h, colour, label) {
                  var i = 0;
                  while (i < values.length) {
                    var j = i; while (j < values.length && values[j] === values[i]) j++;
                    var c = colour(values[i]);
                    if (c) {
                      var r = el('rect', {x: L + i * step, y: y, width: Math.max(1, (j - i) * step), height: h, fill: c, 'class': 'run'});
                      el('title', {}, r).textContent = label(values[i]) + ' from ' + sec(msAt(i)) + ' to ' + sec(msAt(j));
                    }
                    i = j;
                  }
                }
                var roleColour = {primary: '#2e7d32', standby: '#1565c0', down: '#9e9e9e'};
                var y = top, lanes = 0;
                d.nodes.forEach(function (n) {
                  text(4, y + 13, n.name, {'font-weight': '600'});
                  runs(n.role, y, laneH, function (v) { return roleColour[v]; }, function (v) { return n.name + ' ' + v; });
                  runs(n.vip, y + laneH + 1, vipH, function (v) { return v ? '#ef6c00' : null; }, function () { return n.name + ' holds the VIP'; });
                  y += laneH + vipH + gap; lanes++;
                });
                text(4, y + 24, 'writes (VIP)', {'font-weight': '600'});
                var most = Math.max.apply(null, d.acked.concat(d.failed).concat([1]));
                for (var i = 0; i < d.steps; i++) {
                  if (d.acked[i] > 0) {
                    var h = clientH / 2 * d.acked[i] / most;
                    el('rect', {x: L + i * step, y: y + clientH / 2 - h, width: Math.max(1, step), height: h, fill: '#66bb6a', 'class': 'acked'});
                  }
                  if (d.failed[i] > 0) {
                    el('rect', {x: L + i * step, y: y + clientH / 2, width: Math.max(1, step), height: clientH / 2 * d.failed[i] / most, fill: '#e53935', 'class': 'failed'});
                  }
                }
                lanes++;
                var bottom = y + clientH;
                // seconds from the fault along the bottom
                var span = d.steps * d.step_ms, tick = span > 120000 ? 20000 : span > 40000 ? 10000 : 5000;
                for (var t = Math.ceil(d.start_ms / tick) * tick; t <= d.start_ms + span; t += tick) {
                  el('line', {x1: xOfMs(t), x2: xOfMs(t), y1: bottom, y2: bottom + 4, stroke: '#999'});
                  text(xOfMs(t) - 8, bottom + 16, (t / 1000) + ' s');
                }
                // events: a dashed line each, the label on hover and along the top
                // labels in the first row where they do not overlap the one before
                var rowsEnd = [];
                d.events.forEach(function (e) {
                  var x = xOfMs(e.ms);
                  var label = e.what.split(/[:(]/)[0].trim() + ' ' + sec(e.ms);
                  var row = 0;
                  while (rowsEnd[row] !== undefined && rowsEnd[row] > x) row++;
                  rowsEnd[row] = x + label.length * 5.5 + 6;
                  var line = el('line', {x1: x, x2: x, y1: 4 + row * 11, y2: bottom, stroke: '#333', 'stroke-dasharray': '3,3', 'class': 'event'});
                  el('title', {}, line).textContent = sec(e.ms) + ': ' + e.what;
                  text(x + 2, 12 + row * 11, label, {'font-size': '10'});
                });
                document.getElementById('timeline').appendChild(svg);
                document.body.setAttribute('data-rendered', String(lanes));
              } catch (err) {
                document.body.setAttribute('data-error', String(err));
                throw err;
              }
            })();
            """;
}
