package org.cogos.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import java.util.Set;

import org.junit.Test;

public class WebOptionsTest {

    private static final WebOptions DEFAULTS =
            new WebOptions("karaf", "viewer", "operator", "admin", 30, 500, 16, 100, 30);

    @Test
    public void eachRoleBringsTheRightsOfThoseBelowItAsTheConsolesGroupsDo() {
        assertEquals(EnumSet.of(Access.VIEW), DEFAULTS.access(Set.of("viewer")));
        assertEquals(EnumSet.of(Access.VIEW, Access.SET_PARAMS), DEFAULTS.access(Set.of("operator")));
        assertEquals(EnumSet.allOf(Access.class), DEFAULTS.access(Set.of("admin")));
        assertEquals("Karaf's own roles give no dashboard access", Set.of(),
                DEFAULTS.access(Set.of("manager", "systembundles", "group")));
    }

    @Test
    public void configuredRoleNamesAreTheOnesChecked() {
        WebOptions site = new WebOptions("ldap", "robot-watchers", "robot-tuners", "robot-admins", 30, 500, 16, 100,
                30);
        assertEquals(EnumSet.of(Access.VIEW, Access.SET_PARAMS), site.access(Set.of("robot-tuners")));
        assertEquals(Set.of(), site.access(Set.of("admin")));
    }

    @Test
    public void refusesValuesOutsideTheirBounds() {
        assertRefused("org.cogos.web.pushIntervalMs = 50 is outside [100, 10000]",
                () -> new WebOptions("karaf", "viewer", "operator", "admin", 30, 50, 16, 100, 30));
        assertRefused("org.cogos.web.maxStreams = 0 is outside [1, 256]",
                () -> new WebOptions("karaf", "viewer", "operator", "admin", 30, 500, 0, 100, 30));
        assertRefused("org.cogos.web.sessionMinutes = 0 is outside [1, 1440]",
                () -> new WebOptions("karaf", "viewer", "operator", "admin", 0, 500, 16, 100, 30));
        assertRefused("org.cogos.web.adminRole must not be empty",
                () -> new WebOptions("karaf", "viewer", "operator", " ", 30, 500, 16, 100, 30));
    }

    private static void assertRefused(String message, Runnable make) {
        try {
            make.run();
            fail("accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().endsWith(message));
        }
    }
}
