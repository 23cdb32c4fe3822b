package org.cogos.broker.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may connect to the embedded broker, and what each may publish and subscribe to (docs/security.md):
 * <ul>
 * <li>cogos's own client, as the service account: everything. Its password is made when the broker starts and
 * handed to the client in the JVM (never written anywhere);</li>
 * <li>a robot, with its id as user name and the password {@code robot:add} gave it: publish only its own
 * {@code robots/<id>/sensors/<modality>}, {@code acks} and {@code status}; subscribe only to its own {@code actions}
 * and {@code errors}, and to {@code system/status};</li>
 * <li>a robot on the TLS listener with a certificate of the robot CA: the robot its CN names, without a password,
 * with the same rights;</li>
 * <li>a client without a user name: refused, unless {@code allowAnonymous} (development only), when it may do
 * everything, as before robots had accounts.</li>
 * </ul>
 * Topic filters a robot subscribes to must name one of its topics exactly: a wildcard could reach another robot's.
 */
final class BrokerAuth {

    /** Why a CONNECT was refused, or who connected. */
    sealed interface Outcome permits Login, Refusal {
    }

    /** @param user the user name; for an anonymous client, empty */
    record Login(String user, boolean robot) implements Outcome {
    }

    /** @param reasonCode MQTT 5 reason code of the CONNACK */
    record Refusal(byte reasonCode, String why) implements Outcome {
    }

    private final AccountFile accounts;
    private final boolean allowAnonymous;
    private final String serviceUser;
    private final byte[] servicePassword;
    private final String robotsPrefix;
    private final String systemStatus;

    /**
     * @param accounts        the robots' accounts; null for none
     * @param serviceUser     the service account's user name (a robot cannot have it)
     * @param servicePassword its password
     * @param topicPrefix     cogos's topic prefix, e.g. {@code cogos/v1}
     */
    BrokerAuth(AccountFile accounts, boolean allowAnonymous, String serviceUser, String servicePassword,
            String topicPrefix) {
        this.accounts = accounts;
        this.allowAnonymous = allowAnonymous;
        this.serviceUser = serviceUser;
        this.servicePassword = servicePassword.getBytes(StandardCharsets.UTF_8);
        this.robotsPrefix = topicPrefix + "/robots/";
        this.systemStatus = topicPrefix + "/system/status";
    }

    Outcome authenticate(String user, byte[] password) {
        return authenticate(user, password, null);
    }

    /**
     * @param certificateId the CN of the client certificate the TLS listener verified against the robot CA, or
     *                      null: none (plain TCP, or TLS without one)
     */
    Outcome authenticate(String user, byte[] password, String certificateId) {
        if (certificateId != null) {
            return byCertificate(user, certificateId);
        }
        if (user == null) {
            return allowAnonymous ? new Login("", false)
                    : new Refusal(ReasonCode.NOT_AUTHORIZED, "a user name and password are required");
        }
        if (password == null) {
            return new Refusal(ReasonCode.BAD_USER_NAME_OR_PASSWORD, "no password for user " + user);
        }
        if (user.equals(serviceUser)) {
            return MessageDigest.isEqual(password, servicePassword) ? new Login(user, false)
                    : new Refusal(ReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong password for " + user);
        }
        if (accounts != null && accounts.verify(user, new String(password, StandardCharsets.UTF_8))) {
            return new Login(user, true);
        }
        // Unknown user and wrong password alike, so a refusal does not tell which robot ids exist.
        return new Refusal(ReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password: " + user);
    }

    /**
     * A robot that showed a certificate of the robot CA is the robot its CN names (Mosquitto's
     * use_identity_as_username), if that robot has an account: robot:remove revokes a certificate as it does a
     * password. A user name, if given, must be the same id.
     */
    private Outcome byCertificate(String user, String certificateId) {
        if (user != null && !user.equals(certificateId)) {
            return new Refusal(ReasonCode.NOT_AUTHORIZED, "user name " + user + " is not " + certificateId
                    + ", the robot its certificate names");
        }
        if (accounts != null && accounts.robots().contains(certificateId)) {
            return new Login(certificateId, true);
        }
        return new Refusal(ReasonCode.NOT_AUTHORIZED, "certificate for " + certificateId
                + ", which has no robot account (robot:add)");
    }

    boolean mayPublish(Login login, String topic) {
        if (!login.robot()) {
            return true;
        }
        String rest = ownRest(login, topic);
        if (rest == null) {
            return false;
        }
        if (rest.equals("acks") || rest.equals("status")) {
            return true;
        }
        return rest.startsWith("sensors/") && rest.length() > "sensors/".length()
                && rest.indexOf('/', "sensors/".length()) < 0;
    }

    boolean maySubscribe(Login login, String filter) {
        if (!login.robot()) {
            return true;
        }
        if (filter.equals(systemStatus)) {
            return true;
        }
        String rest = ownRest(login, filter);
        return "actions".equals(rest) || "errors".equals(rest);
    }

    /** What follows {@code robots/<the login's robot>/}, or null for any other topic. */
    private String ownRest(Login login, String topic) {
        int from = robotsPrefix.length() + login.user().length();
        if (!topic.startsWith(robotsPrefix) || !topic.startsWith(login.user(), robotsPrefix.length())
                || topic.length() <= from || topic.charAt(from) != '/') {
            return null;
        }
        return topic.substring(from + 1);
    }
}
