package dev.warcorn.detect;

import java.util.List;

/**
 * How many class files in one part of a WAR mention each servlet namespace. A class that mentions
 * both counts for both.
 *
 * @param where          {@code WEB-INF/classes} or {@code WEB-INF/lib jars}, for messages
 * @param unreadableJars jars that could not be read, each with the reason, for messages
 */
record ServletReferences(String where, int javax, int jakarta, List<String> unreadableJars) {
    ServletReferences {
        unreadableJars = List.copyOf(unreadableJars);
    }

    int count(Namespace ns) {
        return ns == Namespace.JAVAX ? javax : jakarta;
    }

    boolean isEmpty() {
        return javax == 0 && jakarta == 0;
    }

    /** The namespace most classes use, or {@code null} when none is used or both equally. */
    Namespace leaning() {
        if (javax > jakarta) return Namespace.JAVAX;
        if (jakarta > javax) return Namespace.JAKARTA;
        return null;
    }

    /** True when exactly one namespace is used: evidence strong enough to refuse an {@code --ee}. */
    boolean isPure() {
        return (javax == 0) != (jakarta == 0);
    }

    /** {@code WEB-INF/classes reference javax/servlet (3 classes)}. */
    String evidence(Namespace ns) {
        return where + " reference " + ns.internalName() + " (" + classes(count(ns)) + ")";
    }

    /** Why {@link #leaning()} won; only meaningful when there is one. */
    String describe() {
        Namespace ns = leaning();
        Namespace other = ns.other();
        String text = isPure()
                ? evidence(ns) + " and not " + other.internalName()
                : evidence(ns) + " more than " + other.internalName() + " (" + classes(count(other)) + ")";
        return unreadableJars.isEmpty() ? text : text + "; could not read " + String.join(", ", unreadableJars);
    }

    private static String classes(int n) {
        return n == 1 ? "1 class" : n + " classes";
    }
}
