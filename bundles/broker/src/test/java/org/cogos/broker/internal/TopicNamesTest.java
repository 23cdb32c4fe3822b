package org.cogos.broker.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TopicNamesTest {

    @Test
    public void topicNamesHaveNoWildcards() {
        assertTrue(TopicNames.isValidName("cogos/v1/robots/r1/sensors/lidar"));
        assertTrue(TopicNames.isValidName("/"));
        assertTrue(TopicNames.isValidName("a//b"));
        assertFalse(TopicNames.isValidName(""));
        assertFalse(TopicNames.isValidName("a/+/b"));
        assertFalse(TopicNames.isValidName("a/#"));
        assertFalse(TopicNames.isValidName("a+b"));
    }

    @Test
    public void wildcardsMustFillAWholeLevelAndHashMustBeLast() {
        for (String valid : new String[] {"#", "+", "a/#", "+/+", "a/+/c", "/#", "+/", "a//+"}) {
            assertTrue(valid, TopicNames.isValidFilter(valid));
        }
        for (String invalid : new String[] {"", "a#", "a/#/b", "a+", "a/b+/c", "#/a", "##"}) {
            assertFalse(invalid, TopicNames.isValidFilter(invalid));
        }
    }

    @Test
    public void sharedFiltersNeedAGroupWithoutWildcardsAndAFilter() {
        TopicNames.SharedFilter shared = TopicNames.parseShared("$share/workers/jobs/#");
        assertEquals("workers", shared.group());
        assertEquals("jobs/#", shared.filter());
        assertNull(TopicNames.parseShared("$share/workers"));
        assertNull(TopicNames.parseShared("$share//jobs"));
        assertNull(TopicNames.parseShared("$share/w+/jobs"));
        assertNull(TopicNames.parseShared("$share/w/a/#/b"));
        assertNull(TopicNames.parseShared("$share/w/"));
        assertTrue(TopicNames.isValidSubscription("$share/w/+"));
        assertFalse(TopicNames.isValidSubscription("$share/w/"));
    }

    @Test
    public void matchingFollowsLevels() {
        assertTrue(TopicNames.matches("a/#", "a"));
        assertTrue(TopicNames.matches("a/#", "a/b/c"));
        assertTrue(TopicNames.matches("a/+", "a/"));
        assertTrue(TopicNames.matches("+/+", "/x"));
        assertFalse(TopicNames.matches("a/+", "a/b/c"));
        assertFalse(TopicNames.matches("a/b", "a/b/c"));
        assertFalse(TopicNames.matches("a/b/c", "a/b"));
        assertTrue(TopicNames.matches("#", "a"));
    }

    @Test
    public void dollarTopicsAreNotMatchedByAFirstLevelWildcard() {
        assertFalse(TopicNames.matches("#", "$SYS/uptime"));
        assertFalse(TopicNames.matches("+/uptime", "$SYS/uptime"));
        assertTrue(TopicNames.matches("$SYS/#", "$SYS/uptime"));
        assertTrue(TopicNames.matches("$SYS/+", "$SYS/uptime"));
    }
}
