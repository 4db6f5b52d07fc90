package dev.warcorn.detect;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Counts class files that mention {@code javax/servlet/} or {@code jakarta/servlet/}. Every class
 * that uses a servlet type names it in its constant pool as modified UTF-8, which for these ASCII
 * names is the plain bytes, so a byte search is enough and no class is parsed or loaded. Classes that
 * use no servlet type but the websocket API ({@code javax/websocket/}, {@code jakarta/websocket/}) are
 * counted as the evidence of last resort: a WAR of only {@code @ServerEndpoint}s has nothing else, and
 * in the wrong environment its endpoints would silently answer 404.
 */
final class ClassScan {
    private static final byte[] SERVLET = "/servlet/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBSOCKET = "/websocket/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JAVAX = "javax".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JAKARTA = "jakarta".getBytes(StandardCharsets.US_ASCII);

    private ClassScan() {
    }

    /**
     * Scans {@code WEB-INF/classes}, and the jars in {@code WEB-INF/lib} only when the WAR's own
     * classes lean to neither namespace: the own classes are the best evidence (libraries often
     * support both namespaces), and stopping there keeps big WARs fast.
     */
    static ServletReferences scan(WarContent war) throws IOException {
        Counter own = new Counter();
        war.forEachClass(own);
        ServletReferences classes = own.result("WEB-INF/classes", List.of());
        if (classes.leaning() != null) return classes;

        Counter libs = new Counter();
        List<String> unreadable = new ArrayList<>();
        for (String jar : war.libJars()) {
            // a bundled servlet API names the level by its file name; its own classes prove nothing
            if (ServletApiJar.parse(jar) != null) continue;
            try {
                war.forEachClassInJar(jar, libs);
            } catch (ZipException | EOFException e) {
                // Jetty may still run a WAR with one odd jar; say so in the reason instead of failing
                unreadable.add(WarContent.LIB + jar + " (" + e.getMessage() + ")");
            }
        }
        ServletReferences jars = libs.result("WEB-INF/lib jars", unreadable);
        return jars.leaning() != null || classes.isEmpty() ? jars : classes;
    }

    /**
     * Bit 1: mentions {@code javax/servlet/}; bit 2: {@code jakarta/servlet/}; bit 4:
     * {@code javax/websocket/}; bit 8: {@code jakarta/websocket/}.
     */
    static int namespacesIn(byte[] b) {
        int found = 0;
        for (int i = JAVAX.length; i <= b.length - SERVLET.length && (found & 3) != 3; i++) {
            if (b[i] != '/') continue;
            int api = regionEquals(b, i, SERVLET) ? 1
                    : i <= b.length - WEBSOCKET.length && regionEquals(b, i, WEBSOCKET) ? 4 : 0;
            if (api == 0) continue;
            if (regionEquals(b, i - JAVAX.length, JAVAX)) found |= api;
            else if (i >= JAKARTA.length && regionEquals(b, i - JAKARTA.length, JAKARTA)) found |= api << 1;
        }
        return found;
    }

    private static boolean regionEquals(byte[] b, int from, byte[] what) {
        return Arrays.equals(b, from, from + what.length, what, 0, what.length);
    }

    private static final class Counter implements WarContent.ClassSink {
        private int javax;
        private int jakarta;
        private int javaxWebSocket;
        private int jakartaWebSocket;

        @Override
        public void accept(byte[] classFile) {
            int found = namespacesIn(classFile);
            if ((found & 1) != 0) javax++;
            if ((found & 2) != 0) jakarta++;
            if ((found & 4) != 0) javaxWebSocket++;
            if ((found & 8) != 0) jakartaWebSocket++;
        }

        ServletReferences result(String where, List<String> unreadableJars) {
            if (javax == 0 && jakarta == 0 && javaxWebSocket + jakartaWebSocket > 0)
                return new ServletReferences(where, "websocket", javaxWebSocket, jakartaWebSocket, unreadableJars);
            return new ServletReferences(where, "servlet", javax, jakarta, unreadableJars);
        }
    }
}
