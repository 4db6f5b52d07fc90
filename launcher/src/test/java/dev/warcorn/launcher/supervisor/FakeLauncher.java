package dev.warcorn.launcher.supervisor;

import dev.warcorn.launcher.config.Config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Hands out pids 1000, 1001, ... and records every launch and signal; starts nothing. */
final class FakeLauncher implements WorkerLauncher {
    record Signalled(long pid, int signal) {
    }

    final List<Integer> launchedSlots = new ArrayList<>();
    final List<Long> launchedPids = new ArrayList<>();
    final List<Long> maxRequests = new ArrayList<>();
    final List<Signalled> signals = new ArrayList<>();
    /** The pids of spares, in launch order. */
    final List<Long> spares = new ArrayList<>();
    /** "pid->slot" for every spare told to take a slot. */
    final List<String> promotions = new ArrayList<>();
    boolean failLaunches;
    /**
     * The once-per-launch work (the real launcher's unpack): run by {@link #prepare}, or by {@link #launch} when
     * nothing prepared it, as the real launcher unpacks inside the launch then.
     */
    Runnable onPrepare = () -> {
    };
    private boolean prepared;
    private long nextPid = 1000;

    @Override
    public long launch(int slot, boolean spare, Config config, long maxRequests) throws IOException {
        if (!prepared) onPrepare.run();
        prepared = false;
        if (failLaunches) throw new IOException("posix_spawn /no/java: no such file or directory");
        if (spare) {
            spares.add(nextPid);
            return nextPid++;
        }
        launchedSlots.add(slot);
        this.maxRequests.add(maxRequests);
        launchedPids.add(nextPid);
        return nextPid++;
    }

    @Override
    public void prepare(Config config) {
        onPrepare.run();
        prepared = true;
    }

    @Override
    public boolean promote(long pid, int slot) {
        promotions.add(pid + "->" + slot);
        return true;
    }

    @Override
    public boolean signal(long pid, int signal) {
        signals.add(new Signalled(pid, signal));
        return true;
    }

    boolean wasSignalled(long pid, int signal) {
        return signals.contains(new Signalled(pid, signal));
    }
}
