import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor scripts/footprint measures warcorn's worker against: the least a JVM does to serve the same
 * unpacked WAR with the same Jetty, one {@code WebAppContext} with the WAR's hello servlet named in code (no
 * annotation scan, no quickstart, no logging binding, no HTTP/2, no master), on the same JVM flags and an AOT
 * cache of its own.
 *
 * <p>{@code JettyFloor serve WAR_DIR SERVLET_CLASS PATH}: starts, prints {@code ready PORT}, stops when stdin
 * closes. {@code JettyFloor$Idle}: prints {@code ready 0} and waits for stdin to close (the floor of the
 * master: a JVM that runs nothing, a class of its own so that verifying it loads nothing of Jetty's). {@code JettyFloor time SETTLE_MS COMMAND...}: runs the command, and on its
 * {@code ready} line prints the spawn to ready time (this JVM's monotonic clock) and the child's CPU then;
 * with a port, one GET of PATH (the servlet's path, given to the command as its last argument); then,
 * SETTLE_MS later, its PSS and RSS; then closes its stdin and waits for it to end. {@code JettyFloor together N
 * COMMAND...}: starts N copies of the command at once and prints the time from the spawn to the last copy's
 * {@code ready} line (the floor of a HUP of N workers, which boots N JVMs side by side on the same cores).
 */
public final class JettyFloor {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Path.of(args[1]), args[2], args[3]);
            case "time" -> time(Long.parseLong(args[1]), List.of(args).subList(2, args.length));
            case "together" -> together(Integer.parseInt(args[1]), List.of(args).subList(2, args.length));
            default -> throw new IllegalArgumentException("serve, time or together: " + args[0]);
        }
    }

    private static void serve(Path war, String servletClass, String path) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        webapp.addServlet(servletClass, path);
        server.setHandler(webapp);
        server.start();
        System.out.println("ready " + connector.getLocalPort());
        System.out.flush();
        waitForEof();
        server.stop();
    }

    public static final class Idle {
        public static void main(String[] args) throws IOException {
            System.out.println("ready 0");
            System.out.flush();
            while (System.in.read() >= 0) {
                // its own loop: JettyFloor's would load and verify JettyFloor, and with it Jetty's classes
            }
        }
    }

    private static void waitForEof() throws IOException {
        while (System.in.read() >= 0) {
            // nothing is sent; end of file is the signal to stop
        }
    }

    private static void time(long settleMillis, List<String> command) throws Exception {
        long spawned = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = readyLine(child, command);
        long readyMillis = (System.nanoTime() - spawned) / 1_000_000;
        long cpuMillis = cpuMillis(child.pid());
        int port = Integer.parseInt(line.substring("ready ".length()).strip());
        if (port > 0) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + command.getLast())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) throw new IllegalStateException("GET " + command.getLast() + ": " + answer.statusCode());
            }
        }
        Thread.sleep(settleMillis);
        long pss = kB(Path.of("/proc/" + child.pid() + "/smaps_rollup"), "Pss:");
        long rss = kB(Path.of("/proc/" + child.pid() + "/status"), "VmRSS:");
        child.getOutputStream().close();
        child.waitFor();
        System.out.println("ready_ms=" + readyMillis + " cpu_ms=" + cpuMillis + " pss_kb=" + pss + " rss_kb=" + rss);
    }

    private static void together(int copies, List<String> command) throws Exception {
        long spawned = System.nanoTime();
        List<Process> children = new java.util.ArrayList<>();
        for (int i = 0; i < copies; i++) children.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        long last = 0;
        for (Process child : children) {   // in spawn order; the last ready line read is the latest, whichever copy wrote it
            readyLine(child, command);
            last = System.nanoTime();
        }
        for (Process child : children) child.getOutputStream().close();
        for (Process child : children) child.waitFor();
        System.out.println("all_ready_ms=" + (last - spawned) / 1_000_000);
    }

    /** The child's "ready PORT" line, once it has written it (the JVM's own lines before it are skipped). */
    private static String readyLine(Process child, List<String> command) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
            // the JVM's own lines, if any
        }
        if (line == null) throw new IllegalStateException("ended before its ready line: " + command);
        return line;
    }

    /** utime + stime from /proc/PID/stat (fields 14 and 15, after the parenthesised name), in ms at 100 ticks a second. */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The number after {@code key} on its line of {@code file} (/proc's "Pss:   1234 kB"). */
    private static long kB(Path file, String key) throws IOException {
        for (String l : Files.readAllLines(file)) if (l.startsWith(key)) return Long.parseLong(l.substring(key.length()).strip().split(" ")[0]);
        throw new IllegalStateException("no " + key + " in " + file);
    }
}
