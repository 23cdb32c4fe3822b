package org.cogos.reasoning.internal.kg;

/** The identity of an edge: at most one edge per (subject, relation, object). Terms are validated by the caller. */
record EdgeKey(String subject, String relation, String object) implements Comparable<EdgeKey> {

    @Override
    public int compareTo(EdgeKey other) {
        int bySubject = subject.compareTo(other.subject);
        if (bySubject != 0) {
            return bySubject;
        }
        int byRelation = relation.compareTo(other.relation);
        return byRelation != 0 ? byRelation : object.compareTo(other.object);
    }

    @Override
    public String toString() {
        return "(" + subject + ", " + relation + ", " + object + ")";
    }
}
