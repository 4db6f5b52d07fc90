package dev.warcorn.adapter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a WAR uses JSP and websockets, the two optional parts of the container that cost every
 * worker's boot when they are on: Jasper scans the container's tag libraries and compiles nothing, the
 * websocket initializers build their containers, and their classes fill the worker's memory. Jetty
 * turns both on because their jars are on the class path; a worker turns off the ones the WAR shows no
 * sign of using (docs/design.md, "Start-up: only the container parts a WAR uses").
 *
 * <p>The signs are chosen so that a miss cannot expose anything: JSP is on whenever the WAR holds a
 * page, fragment, tag file or tag library descriptor (in its tree or in a jar's {@code META-INF}), names
 * JSP in web.xml, or has a class that refers to the JSP API (precompiled pages). Without JSP the
 * {@code *.jsp} mappings go, so a request for one is a 404, never the file's source. Websockets are on
 * when a class of {@code WEB-INF/classes} refers to a websocket API, or a jar of {@code WEB-INF/lib}
 * has a websocket package or name (Spring's {@code web/socket} included).
 *
 * @param jspEvidence       the first sign of JSP found, or {@code null} for none
 * @param websocketEvidence the first sign of websockets found, or {@code null} for none
 */
public record WarFeatures(String jspEvidence, String websocketEvidence) {
    /** Everything on: for a WAR that is not a directory (the master could not unpack it). */
    public static final WarFeatures ALL = new WarFeatures("the WAR is not unpacked", "the WAR is not unpacked");

    private static final List<String> JSP_FILES = List.of(".jsp", ".jspx", ".jspf", ".tag", ".tagx", ".tld");
    private static final byte[] JSP_API = "/servlet/jsp/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBSOCKET_API = "/websocket/".getBytes(StandardCharsets.US_ASCII);
    private static final Logger log = LoggerFactory.getLogger(WarFeatures.class);
    /** The context attribute of Jetty's annotation configuration that names initializers not to run. */
    public static final String INITIALIZER_EXCLUSIONS = "org.eclipse.jetty.containerInitializerExclusionPattern";

    public boolean jsp() {
        return jspEvidence != null;
    }

    public boolean websocket() {
        return websocketEvidence != null;
    }

    /** {@link #scan}, logged; a WAR that cannot be read fails the boot with the reason. */
    public static WarFeatures of(Path war) {
        try {
            WarFeatures features = scan(war);
            log.info("Container parts: {}", features.describe());
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + war + " to see whether it uses JSP or websockets: " + e.getMessage(), e);
        }
    }

    /** Looks through an unpacked WAR; a WAR file (not unpacked) gets {@link #ALL}. */
    public static WarFeatures scan(Path war) throws IOException {
        if (!Files.isDirectory(war)) return ALL;
        String jsp = null;
        String websocket = null;
        Path webXml = war.resolve("WEB-INF/web.xml");
        if (Files.isRegularFile(webXml) && Files.readString(webXml, StandardCharsets.ISO_8859_1).contains("<jsp-"))
            jsp = "WEB-INF/web.xml names JSP";
        Path classes = war.resolve("WEB-INF/classes");
        Path lib = war.resolve("WEB-INF/lib");
        try (Stream<Path> files = Files.walk(war)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext() && (jsp == null || websocket == null); ) {
                Path file = it.next();
                if (!Files.isRegularFile(file)) continue;
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                String where = war.relativize(file).toString();
                if (jsp == null && isJspFile(name)) jsp = where;
                else if (name.endsWith(".class") && file.startsWith(classes)) {
                    byte[] bytes = Files.readAllBytes(file);
                    if (jsp == null && contains(bytes, JSP_API)) jsp = where + " refers to the JSP API";
                    if (websocket == null && contains(bytes, WEBSOCKET_API)) websocket = where + " refers to a websocket API";
                } else if (name.endsWith(".jar") && file.getParent().equals(lib)) {
                    if (websocket == null && name.contains("websocket")) websocket = where;
                    String[] found = inJar(file, jsp == null, websocket == null);
                    if (jsp == null && found[0] != null) jsp = where + "!/" + found[0];
                    if (websocket == null && found[1] != null) websocket = where + "!/" + found[1];
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new WarFeatures(jsp, websocket);
    }

    /** Entry names only (the central directory), no class is read: {jsp sign, websocket sign}. */
    private static String[] inJar(Path jar, boolean lookForJsp, boolean lookForWebsocket) {
        String[] found = new String[2];
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Iterator<? extends ZipEntry> it = zip.stream().iterator(); it.hasNext(); ) {
                String entry = it.next().getName();
                String lower = entry.toLowerCase(Locale.ROOT);
                if (lookForJsp && found[0] == null && (lower.startsWith("meta-inf/") && isJspFile(lower) || entry.startsWith("org/apache/jsp/")))
                    found[0] = entry;
                if (lookForWebsocket && found[1] == null && (lower.contains("websocket/") || lower.contains("/web/socket/")))
                    found[1] = entry;
                if ((found[0] != null || !lookForJsp) && (found[1] != null || !lookForWebsocket)) break;
            }
        } catch (IOException e) {
            // an unreadable jar proves nothing either way: keep both on, as Jetty would
            return new String[]{"(unreadable: " + e.getMessage() + ")", "(unreadable: " + e.getMessage() + ")"};
        }
        return found;
    }

    private static boolean isJspFile(String lowerName) {
        for (String suffix : JSP_FILES) if (lowerName.endsWith(suffix)) return true;
        return false;
    }

    private static boolean contains(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return true;
        }
        return false;
    }

    /**
     * The {@code Configuration} classes of Jetty's environment {@code ee} ("ee10") to remove: JSP's and the
     * two websocket ones, each only when the WAR does not use it.
     */
    public String[] unusedConfigurations(String ee) {
        String javaxOrJakarta = ee.equals("ee8") ? "javax" : "jakarta";
        String api = ee.equals("ee8") ? "Javax" : "Jakarta";
        Stream<String> jspConfig = jsp() ? Stream.of() : Stream.of("org.eclipse.jetty." + ee + ".webapp.JspConfiguration");
        Stream<String> wsConfig = websocket() ? Stream.of() : Stream.of(
                "org.eclipse.jetty." + ee + ".websocket." + javaxOrJakarta + ".server.config." + api + "WebSocketConfiguration",
                "org.eclipse.jetty." + ee + ".websocket.server.config.JettyWebSocketConfiguration");
        return Stream.concat(jspConfig, wsConfig).toArray(String[]::new);
    }

    /**
     * The value of {@link #INITIALIZER_EXCLUSIONS} that keeps the unused parts' {@code ServletContainerInitializer}s
     * from running (Jetty's annotation configuration finds them on the container class path), if any.
     */
    public Optional<String> initializerExclusions(String ee) {
        String pattern = String.join("|", Stream.concat(
                jsp() ? Stream.<String>of() : Stream.of("org\\.eclipse\\.jetty\\." + ee + "\\.apache\\.jsp\\..*", "org\\.glassfish\\.wasp\\..*"),
                websocket() ? Stream.<String>of() : Stream.of("org\\.eclipse\\.jetty\\." + ee + "\\.websocket\\..*")).toList());
        return pattern.isEmpty() ? Optional.empty() : Optional.of(pattern);
    }

    /** For the worker's log: {@code JSP on (index.jsp), websockets off (no sign of them)}. */
    public String describe() {
        return "JSP " + (jsp() ? "on (" + jspEvidence + ")" : "off (no page, tag or TLD in the WAR)")
                + ", websockets " + (websocket() ? "on (" + websocketEvidence + ")" : "off (no class or jar refers to them)");
    }
}
