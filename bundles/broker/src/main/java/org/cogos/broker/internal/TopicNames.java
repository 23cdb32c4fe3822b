package org.cogos.broker.internal;

/**
 * MQTT topic names and topic filters (MQTT 5 section 4.7). The codec has already checked UTF-8, U+0000 and
 * the 65,535-byte length; this class checks the structure and matches names against filters.
 */
final class TopicNames {

    static final String SHARE_PREFIX = "$share/";

    private TopicNames() {
    }

    /** A name a PUBLISH may carry: at least one character and no wildcard. */
    static boolean isValidName(String topic) {
        return topic != null && !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0;
    }

    /** A non-shared filter: '+' fills a whole level, '#' fills the last level alone. */
    static boolean isValidFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return false;
        }
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                if (!isValidFilterLevel(filter, levelStart, i, i == filter.length())) {
                    return false;
                }
                levelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isValidFilterLevel(String filter, int start, int end, boolean last) {
        for (int i = start; i < end; i++) {
            char c = filter.charAt(i);
            if (c == '+' && end - start != 1) {
                return false;
            }
            if (c == '#' && (end - start != 1 || !last)) {
                return false;
            }
        }
        return true;
    }

    static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /**
     * Splits {@code $share/<group>/<filter>}; returns null when the group name is empty, contains a
     * wildcard, or the filter after it is missing or invalid.
     */
    static SharedFilter parseShared(String filter) {
        int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
        if (groupEnd <= SHARE_PREFIX.length()) {
            return null;
        }
        String group = filter.substring(SHARE_PREFIX.length(), groupEnd);
        String topicFilter = filter.substring(groupEnd + 1);
        if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0 || !isValidFilter(topicFilter)) {
            return null;
        }
        return new SharedFilter(group, topicFilter);
    }

    /** Whether a full filter (shared or not) is valid. */
    static boolean isValidSubscription(String filter) {
        return isShared(filter) ? parseShared(filter) != null : isValidFilter(filter);
    }

    /** Levels of a name or filter; empty levels are kept ("a//b" has three). */
    static String[] levels(String topic) {
        return topic.split("/", -1);
    }

    /**
     * Whether a valid non-shared filter matches a topic name. Names starting with '$' are not matched by a
     * wildcard in the first level.
     */
    static boolean matches(String filter, String topic) {
        String[] f = levels(filter);
        String[] t = levels(topic);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** The parts of a shared subscription filter. */
    record SharedFilter(String group, String filter) {
    }
}
