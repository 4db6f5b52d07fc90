package dev.warcorn.launcher.control;

import java.util.List;
import java.util.stream.Collectors;

/** The master's state at one moment, as {@code warcorn ctl status} and {@code workers} show it. */
public record Snapshot(long masterPid, long uptimeSeconds, String state, int targetWorkers, List<Worker> workers) {

    /** One worker, as the master sees it. */
    public record Worker(int slot, long pid, String state, long ageSeconds, long requests, long rssBytes) {
    }

    public String statusText() {
        long ready = workers.stream().filter(w -> w.state().equals("ready")).count();
        return "master pid=" + masterPid + " state=" + state + " uptime=" + uptimeSeconds + "s workers=" + ready
                + " ready of " + targetWorkers + " wanted (" + workers.size() + " running)\n";
    }

    public String statusJson() {
        long ready = workers.stream().filter(w -> w.state().equals("ready")).count();
        return "{\"master_pid\":" + masterPid + ",\"state\":\"" + state + "\",\"uptime_seconds\":" + uptimeSeconds
                + ",\"target_workers\":" + targetWorkers + ",\"ready_workers\":" + ready + ",\"running_workers\":" + workers.size() + "}\n";
    }

    public String workersText() {
        StringBuilder out = new StringBuilder(String.format("%-5s %-8s %-9s %8s %10s %9s%n", "SLOT", "PID", "STATE", "AGE", "REQUESTS", "RSS_MB"));
        for (Worker w : workers)
            out.append(String.format("%-5d %-8d %-9s %7ds %10d %9d%n", w.slot(), w.pid(), w.state(), w.ageSeconds(), w.requests(), w.rssBytes() >> 20));
        return out.toString();
    }

    public String workersJson() {
        return workers.stream().map(w -> "{\"slot\":" + w.slot() + ",\"pid\":" + w.pid() + ",\"state\":\"" + w.state()
                        + "\",\"age_seconds\":" + w.ageSeconds() + ",\"requests\":" + w.requests() + ",\"rss_bytes\":" + w.rssBytes() + "}")
                .collect(Collectors.joining(",", "[", "]\n"));
    }
}
