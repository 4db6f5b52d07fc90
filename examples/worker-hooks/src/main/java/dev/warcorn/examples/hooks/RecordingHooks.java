package dev.warcorn.examples.hooks;

import dev.warcorn.worker.WorkerHooks;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/*
 * Design: the smallest WorkerHooks that shows each moment. Every hook appends one line to the file named
 * by the environment variable HOOKS_LOG (give it with --env); without it the hooks do nothing.
 * Run with: --worker-classpath worker-hooks.jar --env HOOKS_LOG=/tmp/hooks.log
 */
public final class RecordingHooks implements WorkerHooks {
    private final Path file = System.getenv("HOOKS_LOG") == null ? null : Path.of(System.getenv("HOOKS_LOG"));

    @Override
    public void postWorkerInit(Worker worker) {
        record("postWorkerInit slot=" + worker.slot() + " pid=" + worker.pid() + " master=" + worker.masterPid());
    }

    @Override
    public void preRequest(Worker worker, Request request) {
        record("preRequest slot=" + worker.slot() + " " + request.getMethod() + " " + request.getHttpURI().getPath());
    }

    @Override
    public void postRequest(Worker worker, Request request, int status, Throwable failure, long nanos) {
        record("postRequest slot=" + worker.slot() + " " + request.getMethod() + " " + request.getHttpURI().getPath()
                + " status=" + status + " ms=" + Duration.ofNanos(nanos).toMillis());
    }

    @Override
    public void workerExit(Worker worker) {
        record("workerExit slot=" + worker.slot() + " pid=" + worker.pid());
    }

    private synchronized void record(String line) {
        if (file == null) return;
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
