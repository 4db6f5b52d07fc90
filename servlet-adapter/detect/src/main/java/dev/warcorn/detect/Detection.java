package dev.warcorn.detect;

import java.util.Objects;

/**
 * The servlet environment a WAR needs and why, e.g. {@code ee8} because
 * {@code WEB-INF/web.xml uses the javax namespace, version 4.0}.
 *
 * @param environment the environment to give the worker JVMs
 * @param reason      a sentence fragment for logs and error messages, naming the evidence
 */
public record Detection(ServletEnvironment environment, String reason) {
    public Detection {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(reason, "reason");
    }
}
