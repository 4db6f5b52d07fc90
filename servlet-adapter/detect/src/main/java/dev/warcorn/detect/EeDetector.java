package dev.warcorn.detect;

import static dev.warcorn.detect.Namespace.JAVAX;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides which Jetty 12 servlet environment a WAR needs, without loading Jetty or any of the
 * WAR's classes: the master calls this before it spawns workers with that environment's class path.
 *
 * <p>Evidence, strongest first:
 * <ol>
 *   <li>a {@code jetty-web.xml} whose {@code <Configure class=…>} is one environment's
 *       {@code WebAppContext} pins that environment;
 *   <li>the namespace of the classes ({@code WEB-INF/classes}, else {@code WEB-INF/lib}) beats
 *       {@code WEB-INF/web.xml}'s: real jakarta WARs carry javax-era descriptors, and a WAR of the
 *       wrong namespace deploys "successfully" and then answers 404 to everything;
 *   <li>{@code WEB-INF/web.xml}'s namespace, and for jakarta its version (5.x ee9, 6.0 ee10, 6.1+ ee11);
 *   <li>a bundled {@code jakarta.servlet-api-*.jar}'s version, since byte code cannot tell jakarta
 *       5, 6.0 and 6.1 apart;
 *   <li>otherwise jakarta means ee10, and a WAR with no evidence at all (static files only) gets ee10.
 * </ol>
 */
public final class EeDetector {
    /** For jakarta WARs that name no level: the level most jakarta WARs in the wild target. */
    private static final ServletEnvironment JAKARTA_DEFAULT = ServletEnvironment.EE10;

    private EeDetector() {
    }

    /**
     * Detects the environment of a WAR file or an exploded WAR directory.
     *
     * @throws NotAWarException             if the path is neither a zip file nor a directory
     * @throws MalformedDescriptorException if web.xml or a jetty-web.xml is not well-formed XML
     */
    public static Detection detect(Path warFileOrExplodedDir) throws IOException {
        try (WarContent war = WarContent.open(warFileOrExplodedDir)) {
            Detection pinned = JettyWebXml.pin(war);
            if (pinned != null) return pinned;
            WebXml webXml = WebXml.read(war);
            ServletReferences classes = ClassScan.scan(war);
            ServletApiJar apiJar = ServletApiJar.find(war.libJars());
            return decide(webXml, classes, apiJar);
        }
    }

    /**
     * Detects the environment, or takes {@code --ee}'s when given. The override wins over every
     * descriptor, but not over classes that use only the other namespace: that combination would
     * deploy and then answer 404 to every request.
     *
     * @param overrideOrNull the {@code --ee} value, or {@code null} to detect
     * @throws EnvironmentMismatchException if the classes use only the other namespace
     * @throws NotAWarException             if the path is neither a zip file nor a directory
     */
    public static Detection resolve(Path war, ServletEnvironment overrideOrNull)
            throws IOException, EnvironmentMismatchException {
        if (overrideOrNull == null) return detect(war);
        String flag = "--ee=" + overrideOrNull.id();
        try (WarContent content = WarContent.open(war)) {
            ServletReferences classes = ClassScan.scan(content);
            Namespace needed = overrideOrNull.servletNamespace();
            if (classes.isPure() && classes.leaning() != needed) {
                Namespace used = classes.leaning();
                ServletApiJar apiJar = ServletApiJar.find(content.libJars());
                ServletEnvironment suggested = used == JAVAX ? ServletEnvironment.EE8
                        : isJakarta(apiJar) ? apiJar.environment() : JAKARTA_DEFAULT;
                throw new EnvironmentMismatchException(flag + " needs " + needed.packageName() + ", but "
                        + classes.evidence(used) + "; drop --ee or use --ee=" + suggested.id(),
                        overrideOrNull, suggested);
            }
        }
        return new Detection(overrideOrNull, flag + " given");
    }

    static Detection decide(WebXml webXml, ServletReferences classes, ServletApiJar apiJar) {
        Namespace byClasses = classes.leaning();
        Namespace byWebXml = webXml == null ? null : webXml.namespace();
        if (byClasses != null && byWebXml != null && byClasses != byWebXml) {
            String reason = classes.describe() + ", overruling " + webXml.summary();
            return byNamespace(byClasses, reason, null, apiJar);
        }
        if (byWebXml != null) return byNamespace(byWebXml, webXml.describe(), webXml.environment(), apiJar);
        if (byClasses != null) return byNamespace(byClasses, classes.describe(), null, apiJar);
        if (apiJar != null) return new Detection(apiJar.environment(), apiJar.describe());
        return new Detection(JAKARTA_DEFAULT, "nothing names a servlet API (no jetty-web.xml pin, no usable "
                + WebXml.PATH + ", no javax/servlet or jakarta/servlet references); defaulting to "
                + JAKARTA_DEFAULT.id());
    }

    /**
     * The environment for a namespace. For jakarta the level comes from the descriptor when it
     * names one, else from a bundled API jar, else the default.
     */
    private static Detection byNamespace(Namespace ns, String reason, ServletEnvironment declared,
            ServletApiJar apiJar) {
        if (ns == JAVAX) return new Detection(ServletEnvironment.EE8, reason);
        if (declared != null) return new Detection(declared, reason);
        if (isJakarta(apiJar)) return new Detection(apiJar.environment(), reason + "; " + apiJar.describe());
        return new Detection(JAKARTA_DEFAULT, reason);
    }

    private static boolean isJakarta(ServletApiJar apiJar) {
        return apiJar != null && apiJar.environment().servletNamespace() != JAVAX;
    }
}
