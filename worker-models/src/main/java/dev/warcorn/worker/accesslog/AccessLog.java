package dev.warcorn.worker.accesslog;

import dev.warcorn.logging.LogOptions;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Principal;
import java.time.ZoneId;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --access-logfile}: Jetty's request log of one worker. Workers write their own lines, never
 * through the master: to the worker's preserved stdout, or to a file every worker opens with O_APPEND,
 * so that each line, written with one {@code write} call, lands whole however many workers share it.
 * The lock is held for that one call only; the line is formatted before.
 */
public final class AccessLog implements RequestLog {
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final Path file; // null for stdout
    private final AccessLogFormatter formatter;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out; // guarded by lock
    private boolean failing; // guarded by lock: warn once per run of failed writes

    private AccessLog(Path file, OutputStream out, AccessLogFormatter formatter) {
        this.file = file;
        this.out = out;
        this.formatter = formatter;
    }

    /**
     * @param target {@code -} for stdout ({@code System.out}, which must already be the preserved copy
     *               of fd 1), else a file, created if missing and appended to
     */
    public static AccessLog open(String target, String format) throws IOException {
        AccessLogFormatter formatter = AccessLogFormatter.compile(format, ProcessHandle.current().pid(), ZoneId.systemDefault());
        if (target.equals(LogOptions.STANDARD)) return new AccessLog(null, System.out, formatter);
        Path file = Path.of(target);
        return new AccessLog(file, append(file), formatter);
    }

    private static OutputStream append(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void log(Request request, Response response) {
        write(formatter.format(exchange(request, response)));
    }

    /** Writes one line, with one write call. */
    void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            out.write(bytes);
            if (out instanceof PrintStream p && p.checkError()) throw new IOException("stdout reports an error");
            failing = false;
        } catch (IOException e) {
            if (!failing) log.warn("cannot write the access log {} ({}); requests go unlogged until it works again",
                    file == null ? "on stdout" : file, e.toString());
            failing = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * USR1, after logrotate moved the file: opens a new file at the same path and closes the old one once
     * no line is being written to it. On stdout there is nothing to reopen.
     */
    public void reopen() {
        if (file == null) return;
        OutputStream fresh;
        try {
            fresh = append(file);
        } catch (IOException e) {
            log.error("cannot reopen the access log {} ({}); still writing to the file that was open", file, e.toString());
            return;
        }
        OutputStream old;
        lock.lock();
        try {
            old = out;
            out = fresh;
        } finally {
            lock.unlock();
        }
        try {
            old.close();
        } catch (IOException e) {
            log.warn("closing the previous access log file failed: {}", e.toString());
        }
        log.info("Reopened access log {}", file);
    }

    static Exchange exchange(Request request, Response response) {
        // a client named by a trusted proxy's X-Forwarded-For is an unresolved address: its text is the IP
        String remote = request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress inet
                ? (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString()) : null;
        Principal principal = Request.getAuthenticationState(request).getUserPrincipal();
        return new Exchange(remote, principal == null ? null : principal.getName(), System.currentTimeMillis(), request.getMethod(),
                request.getHttpURI(), request.getConnectionMetaData().getProtocol(), response.getStatus(),
                Response.getContentBytesWritten(response), request.getHeaders(), response.getHeaders(),
                NanoTime.since(request.getBeginNanoTime()));
    }
}
