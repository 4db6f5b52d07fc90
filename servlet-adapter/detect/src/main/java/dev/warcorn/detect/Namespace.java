package dev.warcorn.detect;

/** The two incompatible servlet package roots; a WAR compiled against one 404s on the other. */
enum Namespace {
    JAVAX("javax"),
    JAKARTA("jakarta");

    private final String prefix;

    Namespace(String prefix) {
        this.prefix = prefix;
    }

    /** {@code "javax"} or {@code "jakarta"}. */
    String prefix() {
        return prefix;
    }

    /** The Java package name: {@code javax.servlet}. */
    String packageName() {
        return prefix + ".servlet";
    }

    Namespace other() {
        return this == JAVAX ? JAKARTA : JAVAX;
    }
}
