package dev.warcorn.detect;

import java.io.IOException;

/**
 * {@code WEB-INF/web.xml} or a {@code jetty-web.xml} is not well-formed XML. Reported here rather
 * than ignored: Jetty would refuse the WAR anyway, later and inside a worker.
 */
public final class MalformedDescriptorException extends IOException {
    MalformedDescriptorException(String location, String problem, Throwable cause) {
        super(location + ": not well-formed XML (" + problem + "); fix the descriptor, or give --ee to skip reading it",
                cause);
    }
}
