import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.LongAdder;

/**
 * The slow-upstream rows' web app without a server: CONC virtual threads, each calling the upstream in a loop
 * with one default HttpClient's send(), as examples/upstream's /upstream does for each request. What it serves
 * is the most any server on this machine can serve in those rows, since the server must make the same calls.
 * Bounded: it counts for SECONDS after WARM seconds and then exits.
 *
 *   java ClientAlone.java URL CONC WARM SECONDS
 *
 * Prints one line: req/s (200 answers), failures, the cores this JVM used and its CPU per request.
 */
public class ClientAlone {
    public static void main(String[] args) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).build();
        int conc = Integer.parseInt(args[1]), warm = Integer.parseInt(args[2]), seconds = Integer.parseInt(args[3]);
        HttpClient client = HttpClient.newHttpClient();
        LongAdder ok = new LongAdder(), failed = new LongAdder();
        for (int i = 0; i < conc; i++) {
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try {
                        (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? ok : failed).increment();
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
            });
        }
        Thread.sleep(warm * 1000L);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long ok0 = ok.sum(), failed0 = failed.sum(), cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9, rps = (ok.sum() - ok0) / elapsed;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed;
        System.out.printf("client alone, %d virtual threads: %.0f req/s, %d failed, %.2f cores, %.0f us of CPU per request%n",
                conc, rps, failed.sum() - failed0, cores, cores * 1e6 / rps);
        System.exit(0);
    }
}
