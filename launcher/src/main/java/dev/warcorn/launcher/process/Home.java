package dev.warcorn.launcher.process;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The unpacked distribution: {@code lib/launcher} (this process, no Jetty), {@code lib/worker} (the
 * worker main and Jetty's core), and one {@code lib/eeN} per servlet environment. Found from where the
 * launcher's own jar lies, so nothing needs configuring.
 */
public record Home(Path root) {

    public static Home locate() throws IOException {
        try {
            Path jar = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent().getParent().getParent(); // <root>/lib/launcher/warcorn-launcher.jar
            Home home = new Home(root);
            if (!Files.isDirectory(home.lib("worker")))
                throw new IOException("warcorn installation at " + root + " is incomplete: lib/worker is missing;"
                        + " rebuild it with ./mvnw -B package, or unpack the distribution again");
            return home;
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot tell where warcorn is installed from " + Home.class.getProtectionDomain().getCodeSource(), e);
        }
    }

    Path lib(String name) {
        return root.resolve("lib").resolve(name);
    }

    /**
     * The worker class path for one servlet environment: lib/worker first, then lib/&lt;ee&gt;. A jar
     * whose artifact is already present (same name, any version) is left out, so each library appears
     * once and the worker's copy wins.
     */
    public List<Path> workerClassPath(String environment) throws IOException {
        Path ee = lib(environment);
        if (!Files.isDirectory(ee))
            throw new IOException("servlet environment " + environment + " is not installed: " + ee + " is missing");
        Map<String, Path> byArtifact = new LinkedHashMap<>();
        for (Path dir : List.of(lib("worker"), ee)) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList())
                    byArtifact.putIfAbsent(artifact(jar.getFileName().toString()), jar);
            }
        }
        return new ArrayList<>(byArtifact.values());
    }

    /** {@code jetty-server-12.1.7.jar} → {@code jetty-server}: the name up to the first "-digit". */
    static String artifact(String jarName) {
        String base = jarName.substring(0, jarName.length() - ".jar".length());
        for (int i = 1; i < base.length(); i++)
            if (base.charAt(i - 1) == '-' && Character.isDigit(base.charAt(i))) return base.substring(0, i - 1);
        return base;
    }
}
