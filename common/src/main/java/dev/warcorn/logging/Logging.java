package dev.warcorn.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.status.Status;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sets up logback from the settings, the same way in the master and in every worker: warcorn's pattern
 * (or JSON) on stderr or in {@code --error-logfile}, at {@code --log-level}; or the user's
 * {@code --log-config} file instead. Until this runs, {@link DefaultConfigurator} gives the same lines at
 * the default settings.
 */
public final class Logging {
    /** The line every warcorn process writes; {@code %process} says which one. */
    public static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS Z}] [%process] [%level] %msg%n";
    /** The context property holding {@code master 123} or {@code worker=0 pid=124}: in JSON lines and as {@code ${process}}. */
    public static final String PROCESS_PROPERTY = "process";

    private Logging() {
    }

    /**
     * Replaces logback's configuration. The error says which option failed and why; the caller decides
     * whether that stops the process.
     *
     * @throws IOException              the error log cannot be opened
     * @throws IllegalArgumentException the {@code --log-config} file has errors
     */
    public static void configure(LogOptions options) throws IOException {
        configure((LoggerContext) LoggerFactory.getILoggerFactory(), options);
    }

    /** {@link #configure(LogOptions)} on a given context: {@link DefaultConfigurator} calls it while logback starts. */
    static void configure(LoggerContext context, LogOptions options) throws IOException {
        context.reset();
        context.putProperty(PROCESS_PROPERTY, ProcessConverter.label());
        // %process works in any pattern, the user's --log-config included, without a <conversionRule>
        Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
        rules.put("process", ProcessConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        if (options.config().isPresent()) {
            configureFromFile(context, options.config().get());
            return;
        }
        Appender<ILoggingEvent> appender = appender(context, options);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(options.level().logback());
        root.addAppender(appender);
        // Jetty's start/stop chatter stays out even at debug; its warnings and errors (a failed deploy) stay in
        Level jetty = options.level().logback().isGreaterOrEqual(Level.WARN) ? options.level().logback() : Level.WARN;
        context.getLogger("org.eclipse.jetty").setLevel(jetty);
        // The JSP engine warns at every worker boot that jakarta.servlet-api 6 lacks XMLSchema.dtd: harmless
        // (descriptors are not validated), and a warning nobody can act on hides the ones that matter.
        context.getLogger("org.apache.tomcat.util.descriptor.DigesterFactory").setLevel(Level.ERROR);
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, LogOptions options) throws IOException {
        OutputStreamAppender<ILoggingEvent> appender;
        if (options.errorLogfile().equals(LogOptions.STANDARD)) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err"); // looked up at each write, so a worker's preserved stderr is used
            appender = console;
        } else {
            Path file = Path.of(options.errorLogfile());
            try (OutputStream probe = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                // logback would only report a failure to open as a status message; this one names the option
            } catch (IOException e) {
                throw new IOException("--error-logfile=" + file + ": cannot open for appending (" + e + ")", e);
            }
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.toString());
            fileAppender.setAppend(true); // O_APPEND: the master and every worker share the file line by line
            appender = fileAppender;
        }
        appender.setName("warcorn");
        appender.setContext(context);
        appender.setEncoder(encoder(context, options.json()));
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithMessage(false);      // the message with {} placeholders ...
            encoder.setWithArguments(false);    // ... and its arguments, replaced by:
            encoder.setWithFormattedMessage(true);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static void configureFromFile(LoggerContext context, Path file) throws IOException {
        long since = System.currentTimeMillis();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(file.toFile());
        } catch (JoranException e) {
            // the statuses below say more than the exception
        }
        String errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR && s.getTimestamp() >= since)
                .map(Status::getMessage)
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) throw new IllegalArgumentException("--log-config=" + file + ": " + errors);
    }

    /**
     * Reopens every log file (USR1, after logrotate moved them): the next line goes to a new file at the
     * configured path. Logback swaps the stream under its own lock, so no line is lost or split.
     */
    public static void reopen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        org.slf4j.Logger log = LoggerFactory.getLogger(Logging.class);
        Set<Appender<ILoggingEvent>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (!(it.next() instanceof FileAppender<ILoggingEvent> file) || !file.isStarted() || !seen.add(file)) continue;
                try {
                    file.openFile(file.getFile());
                    log.info("Reopened log file {}", file.getFile());
                } catch (IOException e) {
                    log.error("cannot reopen log file {} ({}); still writing to the file that was open", file.getFile(), e.toString());
                }
            }
        }
    }
}
