import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many idle keep-alive connections, as a fleet of browsers or an upstream pool does: opens N
 * connections and sends one GET on each, lets them all sit idle for S seconds, then sends a second GET
 * on each and counts how many the server kept. Single-threaded and bounded: every socket has a 10 s
 * read timeout, and the program ends after the second round.
 *
 *   java IdleConnections.java PORT PATH N SECONDS
 *
 * Prints one line: opened, first answers, kept (second answer on the same connection), closed by the server.
 */
public class IdleConnections {
    private static final int TIMEOUT_MS = 10_000;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        int n = Integer.parseInt(args[2]);
        long idleSeconds = Long.parseLong(args[3]);
        byte[] get = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> sockets = new ArrayList<>();
        List<InputStream> ins = new ArrayList<>();
        int opened = 0, first = 0, kept = 0, closed = 0;
        try {
            for (int i = 0; i < n; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
                    s.setSoTimeout(TIMEOUT_MS);
                    opened++;
                    s.getOutputStream().write(get);
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    if (answered(in)) first++;
                    sockets.add(s);
                    ins.add(in);
                } catch (IOException e) {
                    s.close();
                }
            }
            System.err.printf("%d connections open, %d answered; idle for %d s%n", opened, first, idleSeconds);
            Thread.sleep(idleSeconds * 1000);
            for (int i = 0; i < sockets.size(); i++) {
                try {
                    sockets.get(i).getOutputStream().write(get);
                    if (answered(ins.get(i))) kept++;
                    else closed++;
                } catch (IOException e) {
                    closed++;
                }
            }
        } finally {
            for (Socket s : sockets) s.close();
        }
        System.out.printf("opened %d, first answers %d, kept after %d s idle %d, closed by the server %d%n", opened, first, idleSeconds, kept, closed);
    }

    /** Reads one response with a Content-Length body; false when the connection closed first. */
    private static boolean answered(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) break;
        }
        if (c < 0) return false;
        long length = 0;
        for (String line : head.toString().split("\r\n"))
            if (line.toLowerCase().startsWith("content-length:")) length = Long.parseLong(line.substring(15).trim());
        if (in.readNBytes((int) length).length < length) return false;
        return head.toString().startsWith("HTTP/1.1 200");
    }
}
