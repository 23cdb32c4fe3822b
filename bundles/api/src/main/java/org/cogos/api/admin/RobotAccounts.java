package org.cogos.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The robots allowed to connect to cogos's embedded MQTT broker, each with a password the broker generates and
 * keeps only as a salted hash ({@code robot:add}, {@code robot:passwd}, {@code robot:remove}). A robot connects
 * with its id as user name; what it may publish and subscribe to follows from that id (docs/security.md).
 *
 * <p>Registered only while the embedded broker serves cogos; with an external broker its own tools provision
 * robots (docs/security.md).
 */
@ProviderType
public interface RobotAccounts {

    /**
     * Adds a robot and returns its password: shown this once, stored only as a hash.
     *
     * @throws IllegalArgumentException when the id is not a valid robot id or the robot has an account already
     * @throws java.io.UncheckedIOException when the account file cannot be written (nothing changed)
     */
    String add(String robotId);

    /**
     * Gives a robot a new password and returns it; the old one stops working for new connections at once.
     *
     * @throws IllegalArgumentException when the robot has no account
     * @throws java.io.UncheckedIOException when the account file cannot be written (nothing changed)
     */
    String resetPassword(String robotId);

    /**
     * Removes a robot's account and disconnects it if it is connected.
     *
     * @return false when it had none
     * @throws java.io.UncheckedIOException when the account file cannot be written (nothing changed)
     */
    boolean remove(String robotId);

    /** The robots with an account, sorted. */
    List<String> robots();
}
