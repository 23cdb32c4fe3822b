package org.cogos.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cogos.api.admin.ModuleManager;
import org.cogos.api.admin.RobotStatus;
import org.cogos.api.admin.ScanMonitor;
import org.cogos.api.admin.ScanPoints;
import org.cogos.api.admin.SceneMonitor;
import org.cogos.api.audit.AuditRecord;

/**
 * What the pages are sent, built from the API's records. The records are written as they are (Jackson writes a
 * record by its components); only what JSON cannot say is changed: a scan's no-returns (NaN) become null.
 */
final class Views {

    private Views() {
    }

    static Map<String, Object> me(WebUser user, WebOptions options) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user.name());
        me.put("access", user.access());
        me.put("pushIntervalMs", options.pushIntervalMs());
        return me;
    }

    static Map<String, Object> modules(ModuleManager modules) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("modules", modules.list());
        view.put("unserved", modules.unserved());
        return view;
    }

    /** Each robot with its percepts per second by modality over the rate window, null before two samples. */
    static List<Map<String, Object>> robots(List<RobotStatus> robots, Map<String, Map<String, Double>> rates) {
        List<Map<String, Object>> view = new ArrayList<>(robots.size());
        for (RobotStatus robot : robots) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("robotId", robot.robotId());
            row.put("online", robot.online());
            row.put("lastSeenMillis", robot.lastSeenMillis());
            row.put("statusMillis", robot.statusMillis());
            row.put("percepts", robot.percepts());
            row.put("perceptsByModality", robot.perceptsByModality());
            row.put("ratesByModality", rates.get(robot.robotId()));
            view.add(row);
        }
        return view;
    }

    /**
     * One robot: its newest scene and what was decided on it, its recent actions with their provenance, its newest
     * LIDAR scan. Each part is null when its module is not running or has nothing for the robot.
     */
    static Map<String, Object> robot(String robotId, SceneMonitor scenes, ScanMonitor scans, int actions) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("robotId", robotId);
        view.put("scene", scenes == null ? null : scenes.latest(robotId).orElse(null));
        view.put("actions", scenes == null ? List.of() : scenes.recentActions(robotId, actions));
        view.put("scan", scans == null ? null : scans.latest(robotId).map(Views::scan).orElse(null));
        return view;
    }

    /** Audit records with their time as ISO-8601 text (Jackson writes no Instant without an extra module). */
    static List<Map<String, Object>> audit(List<AuditRecord> records) {
        List<Map<String, Object>> view = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", record.seq());
            row.put("time", record.time().toString());
            row.put("actor", record.actor());
            row.put("action", record.action());
            row.put("target", record.target());
            row.put("outcome", record.outcome());
            row.put("detail", record.detail());
            view.add(row);
        }
        return view;
    }

    private static Map<String, Object> scan(ScanPoints scan) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", scan.sequence());
        view.put("frame", scan.frame());
        view.put("angleMin", scan.angleMin());
        view.put("angleIncrement", scan.angleIncrement());
        view.put("rangeMax", scan.rangeMax());
        List<Double> ranges = new ArrayList<>(scan.ranges().size());
        for (double range : scan.ranges()) {
            ranges.add(Double.isFinite(range) ? range : null);
        }
        view.put("ranges", ranges);
        return view;
    }
}
