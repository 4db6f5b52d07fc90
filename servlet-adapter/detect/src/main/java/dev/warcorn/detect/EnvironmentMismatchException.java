package dev.warcorn.detect;

/**
 * An {@code --ee} override names the other servlet namespace than the WAR's classes use. Refused
 * because such a WAR deploys "successfully" and then answers 404 to every request.
 */
public final class EnvironmentMismatchException extends Exception {
    private final ServletEnvironment requested;
    private final ServletEnvironment suggested;

    EnvironmentMismatchException(String message, ServletEnvironment requested, ServletEnvironment suggested) {
        super(message);
        this.requested = requested;
        this.suggested = suggested;
    }

    /** The environment given with {@code --ee}. */
    public ServletEnvironment requested() {
        return requested;
    }

    /** An environment that matches the classes' namespace. */
    public ServletEnvironment suggested() {
        return suggested;
    }
}
