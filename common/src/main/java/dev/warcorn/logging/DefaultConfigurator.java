package dev.warcorn.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.io.IOException;

/**
 * Logback's start-up configuration in every warcorn process: {@link Logging}'s lines on stderr at the
 * default settings, set up in code. With a {@code logback.xml} instead, logback started its XML
 * configurator (a SAX parser and the Joran model) in every worker for settings that {@link Logging} then
 * replaces: 60–100 ms of each boot. {@code -Dlogback.configurationFile} and a {@code logback-test.xml}
 * on the class path (unit tests) still go to logback's own configurators.
 */
public final class DefaultConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || DefaultConfigurator.class.getClassLoader().getResource("logback-test.xml") != null)
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        try {
            Logging.configure(context, LogOptions.DEFAULT);
        } catch (IOException impossible) { // stderr needs no file
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
