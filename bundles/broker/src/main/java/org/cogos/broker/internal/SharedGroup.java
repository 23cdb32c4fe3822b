package org.cogos.broker.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one shared subscription ({@code $share/<name>/<filter>}). Each message goes to one member,
 * in turn; a member that is offline or backed up is passed over while another can take the message at once.
 */
final class SharedGroup {

    record Member(Session session, Subscription subscription) {
    }

    private final List<Member> members = new ArrayList<>();
    private int next;

    void put(Session session, Subscription subscription) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).session() == session) {
                members.set(i, new Member(session, subscription));
                return;
            }
        }
        members.add(new Member(session, subscription));
    }

    void remove(Session session) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).session() == session) {
                members.remove(i);
                if (next > i) {
                    next--;
                }
                return;
            }
        }
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** The member that gets the next message; the group must not be empty. */
    Member pick() {
        int size = members.size();
        int start = next % size;
        int chosen = -1;
        int online = -1;
        for (int k = 0; k < size && chosen < 0; k++) {
            int i = (start + k) % size;
            Session session = members.get(i).session();
            if (session.canSendNow()) {
                chosen = i;
            } else if (online < 0 && session.isOnline()) {
                online = i;
            }
        }
        if (chosen < 0) {
            chosen = online >= 0 ? online : start;
        }
        next = (chosen + 1) % size;
        return members.get(chosen);
    }
}
