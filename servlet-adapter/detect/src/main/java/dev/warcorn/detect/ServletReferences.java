package dev.warcorn.detect;

import java.util.List;

/**
 * How many class files in one part of a WAR mention each servlet namespace. A class that mentions
 * both counts for both.
 *
 * @param where          {@code WEB-INF/classes} or {@code WEB-INF/lib jars}, for messages
 * @param api            {@code servlet}, or {@code websocket} when no class mentions a servlet type
 * @param unreadableJars jars that could not be read, each with the reason, for messages
 */
record ServletReferences(String where, String api, int javax, int jakarta, List<String> unreadableJars) {
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
        return where + " reference " + name(ns) + " (" + classes(count(ns)) + ")";
    }

    /** Why {@link #leaning()} won; only meaningful when there is one. */
    String describe() {
        Namespace ns = leaning();
        Namespace other = ns.other();
        String text = isPure()
                ? evidence(ns) + " and not " + name(other)
                : evidence(ns) + " more than " + name(other) + " (" + classes(count(other)) + ")";
        return unreadableJars.isEmpty() ? text : text + "; could not read " + String.join(", ", unreadableJars);
    }

    /** {@code javax/servlet}, or {@code javax/websocket} for a WAR of websocket endpoints only. */
    private String name(Namespace ns) {
        return ns.prefix() + "/" + api;
    }

    private static String classes(int n) {
        return n == 1 ? "1 class" : n + " classes";
    }
}
