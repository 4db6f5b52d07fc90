package dev.warcorn.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logback's start-up configuration, in code: warcorn's lines on stderr before the settings are applied. */
class DefaultConfiguratorTest {
    @Test
    void logback_finds_the_configurator_as_a_service() {
        assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == DefaultConfigurator.class));
    }

    @Test
    void a_fresh_context_gets_warcorns_pattern_on_stderr_at_info_with_jetty_at_warn() {
        LoggerContext context = new LoggerContext();
        DefaultConfigurator configurator = new DefaultConfigurator();
        configurator.setContext(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("warcorn"));
        assertEquals("System.err", stderr.getTarget());
        assertEquals(Logging.PATTERN, ((PatternLayoutEncoder) stderr.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
    }

    @Test
    void logbacks_own_start_up_uses_it() throws Exception {
        LoggerContext context = new LoggerContext();
        new ContextInitializer(context).autoConfig();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(ConsoleAppender.class, root.getAppender("warcorn"));
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getLevel());
    }
}
