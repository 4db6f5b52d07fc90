package dev.warcorn.launcher.control;

import dev.warcorn.common.ExitCode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code warcorn ctl [-s SOCKET | -p PIDFILE | -b HOST:PORT] COMMAND [ARGS] [--json]}: sends one
 * command to a running master and prints its answer.
 */
public final class ControlClient {
    private ControlClient() {
    }

    public static ExitCode run(List<String> args) {
        Path socket = null;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-s") || a.equals("--control-socket")) && i + 1 < args.size()) socket = Path.of(args.get(++i));
            else if ((a.equals("-p") || a.equals("--pid")) && i + 1 < args.size()) socket = ControlPaths.besidePidFile(Path.of(args.get(++i)));
            else if ((a.equals("-b") || a.equals("--bind")) && i + 1 < args.size()) {
                String bind = args.get(++i);
                int port = portOf(bind);
                if (port < 1) {
                    System.err.println("warcorn ctl: --bind=" + bind + ": not HOST:PORT with a port from 1 to 65535;"
                            + " give the bind the master listens on, e.g. -b 127.0.0.1:8000, or its socket with -s");
                    return ExitCode.USAGE;
                }
                socket = ControlPaths.forPort(port);
            }
            else command.add(a);
        }
        if (command.isEmpty() || command.getFirst().equals("--help")) {
            System.out.println("usage: warcorn ctl [-s SOCKET | -p PIDFILE | -b HOST:PORT] COMMAND [--json]\n"
                    + "commands: status, workers, top [--once] [--json], reload, scale N, stop\n"
                    + "The socket defaults to the master's: beside its --pid file, else " + ControlPaths.forPort(8000) + " for port 8000.");
            return command.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (socket == null) socket = ControlPaths.forPort(8000);
        if (!Files.exists(socket)) {
            System.err.println("warcorn ctl: control socket " + socket + ": no such file; is the master running? Name it with -s, -p or -b");
            return ExitCode.ERROR;
        }
        if (command.getFirst().equals("top")) return Top.run(socket, command.subList(1, command.size()));
        try {
            String reply = send(socket, String.join(" ", command));
            System.out.print(reply);
            return reply.startsWith("error:") || reply.startsWith("{\"ok\":false") ? ExitCode.USAGE : ExitCode.OK;
        } catch (IOException e) {
            System.err.println("warcorn ctl: control socket " + socket + ": " + e.getMessage());
            return ExitCode.ERROR;
        }
    }

    static String send(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.shutdownOutput();
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whether a master answers on {@code socket} (a stale socket file of a killed master does not). */
    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port of {@code HOST:PORT} (or a bare port), or -1 when there is none in range. */
    static int portOf(String bind) {
        try {
            int port = Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
