package dev.warcorn.launcher.control;

import dev.warcorn.common.ExitCode;
import dev.warcorn.common.WorkerStats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code warcorn ctl top [--once] [--json]}: per worker slot, pid, state, age, requests per second,
 * p50/p99 latency, requests in flight and waiting for a slot, resident memory and the share of time in
 * GC, and a totals line. Rates and percentiles come from two {@code stats} answers a second apart (the
 * workers report once a second), percentiles interpolated within the duration buckets as PromQL's
 * {@code histogram_quantile} does. On a terminal it refreshes every second until q or Ctrl-C; with
 * {@code --once}, or when the output is not a terminal, it prints one plain-text view; {@code --json}
 * prints one view as JSON.
 */
public final class Top {
    static final long INTERVAL_MILLIS = 1000;
    static final String HEADER = String.format("%-5s %-8s %-9s %7s %8s %8s %8s %8s %8s %7s %6s",
            "SLOT", "PID", "STATE", "AGE", "REQ/S", "P50_MS", "P99_MS", "INFLIGHT", "WAITING", "RSS_MB", "GC%");

    /** One {@code stats} answer: the master's status line and its workers, when it was taken. */
    record Sample(String status, Map<Long, Row> workers, long nanos) {
        static Sample parse(String text, long nanos) {
            List<String> lines = text.lines().toList();
            Map<Long, Row> workers = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(" ", 8);
                if (f.length < 8 || !f[0].equals("worker")) throw new IllegalArgumentException("unexpected stats line: " + line);
                Row r = new Row(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], Long.parseLong(f[4]), Long.parseLong(f[5]), WorkerStats.decode(f[7]));
                workers.put(r.pid(), r);
            }
            return new Sample(lines.isEmpty() ? "" : lines.getFirst(), workers, nanos);
        }
    }

    record Row(int slot, long pid, String state, long ageSeconds, long rssBytes, WorkerStats stats) {
    }

    /** One line of the view; rates and percentiles are NaN when the interval saw no request (or no earlier sample). */
    record Line(String slot, String pid, String state, long ageSeconds, double reqPerSecond, double p50Millis, double p99Millis,
                long inFlight, long waiting, long rssBytes, double gcPercent) {
    }

    private Top() {
    }

    static ExitCode run(Path socket, List<String> args) {
        boolean once = false;
        boolean json = false;
        for (String a : args) {
            switch (a) {
                case "--once" -> once = true;
                case "--json" -> json = true;
                default -> {
                    System.err.println("warcorn ctl top: unknown option " + a + "; expected --once or --json");
                    return ExitCode.USAGE;
                }
            }
        }
        try {
            // Since JDK 22 System.console() exists even when redirected; isTerminal() tells a terminal apart.
            if (json || once || System.console() == null || !System.console().isTerminal()) {
                Sample first = sample(socket);
                Thread.sleep(INTERVAL_MILLIS); // a rate needs two samples
                Sample second = sample(socket);
                System.out.print(json ? json(first, second) : text(first, second));
                return ExitCode.OK;
            }
            return live(socket);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("warcorn ctl top: control socket " + socket + ": " + e.getMessage());
            return ExitCode.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR;
        }
    }

    private static Sample sample(Path socket) throws IOException {
        return Sample.parse(ControlClient.send(socket, "stats"), System.nanoTime());
    }

    /** Refreshes every second until q (read without Enter: the terminal is put in non-canonical mode) or Ctrl-C. */
    private static ExitCode live(Path socket) throws IOException, InterruptedException {
        stty("-icanon min 0 -echo");
        Thread restore = Thread.ofPlatform().unstarted(() -> {
            stty("sane");
            System.out.print("\033[?25h");
            System.out.flush();
        });
        Runtime.getRuntime().addShutdownHook(restore); // Ctrl-C ends the JVM through its hooks
        Sample previous = sample(socket);
        while (true) {
            long until = System.nanoTime() + INTERVAL_MILLIS * 1_000_000;
            while (System.nanoTime() < until) {
                while (System.in.available() > 0) {
                    int c = System.in.read();
                    if (c == 'q' || c == 'Q') {
                        System.out.println();
                        return ExitCode.OK;
                    }
                }
                Thread.sleep(50); // key polling; a terminal has no select() in the JDK
            }
            Sample current = sample(socket);
            System.out.print("\033[?25l\033[H\033[2J" + text(previous, current) + "(q to quit)\n");
            System.out.flush();
            previous = current;
        }
    }

    private static void stty(String settings) {
        try {
            new ProcessBuilder("sh", "-c", "stty " + settings + " < /dev/tty").inheritIO().start().waitFor();
        } catch (IOException | InterruptedException e) {
            // without stty, q needs Enter; Ctrl-C still works
        }
    }

    static List<Line> lines(Sample before, Sample after) {
        double seconds = Math.max(1e-3, (after.nanos() - before.nanos()) / 1e9);
        List<Line> out = new ArrayList<>();
        WorkerStats totalDelta = WorkerStats.EMPTY;
        long inFlight = 0;
        long waiting = 0;
        long rss = 0;
        double gcSum = 0;
        int withRate = 0;
        for (Row r : after.workers().values()) {
            Row old = before.workers().get(r.pid());
            WorkerStats delta = old == null ? null : minus(r.stats(), old.stats());
            double gc = delta == null ? Double.NaN : Math.min(100, delta.gcMillis() / (seconds * 10));
            out.add(new Line(Integer.toString(r.slot()), Long.toString(r.pid()), r.state(), r.ageSeconds(),
                    delta == null ? Double.NaN : delta.requestTotal() / seconds, quantileMillis(delta, 0.5), quantileMillis(delta, 0.99),
                    r.stats().inFlight(), r.stats().waiting(), r.rssBytes(), gc));
            if (delta != null) {
                totalDelta = totalDelta.plus(delta);
                gcSum += gc;
                withRate++;
            }
            inFlight += r.stats().inFlight();
            waiting += r.stats().waiting();
            rss += r.rssBytes();
        }
        out.add(new Line("TOTAL", "-", after.workers().size() + " workers", 0, totalDelta.requestTotal() / seconds,
                quantileMillis(totalDelta, 0.5), quantileMillis(totalDelta, 0.99), inFlight, waiting, rss,
                withRate == 0 ? Double.NaN : gcSum / withRate));
        return out;
    }

    static String text(Sample before, Sample after) {
        StringBuilder out = new StringBuilder(after.status()).append('\n').append(HEADER).append('\n');
        for (Line l : lines(before, after)) {
            out.append(String.format(Locale.ROOT, "%-5s %-8s %-9s %7s %8s %8s %8s %8d %8d %7d %6s%n", l.slot(), l.pid(), l.state(),
                    l.slot().equals("TOTAL") ? "-" : l.ageSeconds() + "s", number(l.reqPerSecond(), 1), number(l.p50Millis(), 1),
                    number(l.p99Millis(), 1), l.inFlight(), l.waiting(), l.rssBytes() >> 20, number(l.gcPercent(), 1)));
        }
        return out.toString();
    }

    static String json(Sample before, Sample after) {
        List<Line> lines = lines(before, after);
        StringBuilder out = new StringBuilder("{\"interval_seconds\":")
                .append(String.format(Locale.ROOT, "%.3f", (after.nanos() - before.nanos()) / 1e9)).append(",\"workers\":[");
        for (int i = 0; i < lines.size() - 1; i++) out.append(i == 0 ? "" : ",").append(json(lines.get(i)));
        return out.append("],\"total\":").append(json(lines.getLast())).append("}\n").toString();
    }

    private static String json(Line l) {
        boolean total = l.slot().equals("TOTAL");
        return "{" + (total ? "\"workers\":" + l.state().split(" ")[0]
                : "\"slot\":" + l.slot() + ",\"pid\":" + l.pid() + ",\"state\":\"" + l.state() + "\",\"age_seconds\":" + l.ageSeconds())
                + ",\"requests_per_second\":" + jsonNumber(l.reqPerSecond()) + ",\"p50_ms\":" + jsonNumber(l.p50Millis())
                + ",\"p99_ms\":" + jsonNumber(l.p99Millis()) + ",\"in_flight\":" + l.inFlight() + ",\"waiting\":" + l.waiting()
                + ",\"rss_bytes\":" + l.rssBytes() + ",\"gc_percent\":" + jsonNumber(l.gcPercent()) + "}";
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String jsonNumber(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** What happened between two samples of one worker: counters subtracted (gauges are the later ones). */
    static WorkerStats minus(WorkerStats now, WorkerStats then) {
        long[] r = now.requests().clone();
        for (int i = 0; i < r.length; i++) r[i] -= then.requests()[i];
        long[] d = now.durations().clone();
        for (int i = 0; i < d.length; i++) d[i] -= then.durations()[i];
        return new WorkerStats(r, d, now.durationMicros() - then.durationMicros(), now.bytesIn() - then.bytesIn(), now.bytesOut() - then.bytesOut(),
                now.gcMillis() - then.gcMillis(), now.gcCount() - then.gcCount(), now.inFlight(), now.waiting(), now.heapBytes(), now.threads(), now.openFds());
    }

    /** The q-quantile in milliseconds, interpolated linearly within its bucket; NaN without requests. */
    static double quantileMillis(WorkerStats delta, double q) {
        if (delta == null) return Double.NaN;
        long total = 0;
        for (long n : delta.durations()) total += n;
        if (total == 0) return Double.NaN;
        List<Double> bounds = WorkerStats.DURATION_BOUNDS;
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < delta.durations().length; i++) {
            long n = delta.duration(i);
            if (n > 0 && below + n >= rank) {
                if (i == bounds.size()) return bounds.getLast() * 1000; // above the last bound: say the bound, as histogram_quantile does
                double lower = i == 0 ? 0 : bounds.get(i - 1);
                return (lower + (bounds.get(i) - lower) * (rank - below) / n) * 1000;
            }
            below += n;
        }
        return bounds.getLast() * 1000;
    }
}
