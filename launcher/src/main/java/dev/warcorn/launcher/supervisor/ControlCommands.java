package dev.warcorn.launcher.supervisor;

import dev.warcorn.common.ExitCode;
import dev.warcorn.launcher.control.ControlRequest;

/** {@code warcorn ctl}'s commands, run on the supervisor thread: each does what the matching signal does. */
final class ControlCommands {
    private ControlCommands() {
    }

    static String answer(Supervisor supervisor, ControlRequest r) {
        return switch (r.command()) {
            case "status" -> r.json() ? supervisor.snapshot().statusJson() : supervisor.snapshot().statusText();
            case "stats" -> supervisor.snapshot().statsText();
            case "workers" -> r.json() ? supervisor.snapshot().workersJson() : supervisor.snapshot().workersText();
            case "reload" -> {
                supervisor.reload("reload (warcorn ctl reload)");
                yield r.result(true, "reloading: every worker is replaced, replacement first, --max-surge at a time");
            }
            case "stop" -> {
                supervisor.beginStop(true, ExitCode.OK);
                yield r.result(true, "stopping gracefully");
            }
            case "scale" -> {
                Integer n = r.args().size() == 1 && r.args().getFirst().matches("\\d{1,4}") ? Integer.valueOf(r.args().getFirst()) : null;
                if (n == null || n < 1) yield r.result(false, "scale " + String.join(" ", r.args()) + ": expected one number of workers, at least 1");
                supervisor.scale(n);
                yield r.result(true, "scaling to " + n + " worker" + (n == 1 ? "" : "s"));
            }
            default -> r.result(false, "unknown command " + r.command());
        };
    }
}
