package dev.warcorn.common;

import dev.warcorn.logging.AccessLogFormat;
import dev.warcorn.logging.LogLevel;
import dev.warcorn.logging.LogOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSpecTest {

    /** The one place that knows the record's components; variants are made by editing its arguments. */
    private static WorkerSpec spec() {
        return new WorkerSpec(3, Path.of("/srv/apps/shop.war"), "ee10", "/shop", "virtual", 50, 1000,
                Duration.ofSeconds(30), Duration.ofMillis(2500), Duration.ofSeconds(60), Duration.ofSeconds(45), Duration.ZERO,
                Path.of("/tmp/warcorn-1/worker-3-0"), Duration.ofMillis(750),
                Map.of(), Optional.empty(), 0, Duration.ZERO, LogOptions.DEFAULT, Optional.empty(), AccessLogFormat.DEFAULT,
                EdgeSpec.defaults(), "wc-worker-3", false, Optional.empty());
    }

    /** {@link #spec()} with some arguments replaced or added, read back through {@link WorkerSpec#fromArgs}. */
    private static WorkerSpec specWith(String... args) {
        List<String> all = new ArrayList<>(spec().toArgs());
        for (String a : args) {
            String key = a.substring(0, a.indexOf('=') + 1);
            if (!key.equals("--login-realm=")) all.removeIf(x -> x.startsWith(key));
            all.add(a);
        }
        return WorkerSpec.fromArgs(all.toArray(String[]::new));
    }

    private static WorkerSpec roundTrip(WorkerSpec spec) {
        return WorkerSpec.fromArgs(spec.toArgs().toArray(String[]::new));
    }

    @Test
    void from_args_reads_back_what_to_args_wrote() {
        assertEquals(spec(), roundTrip(spec()));
    }

    @Test
    void args_show_the_slot_first_and_the_war_so_ps_tells_workers_apart() {
        List<String> args = spec().toArgs();
        assertEquals("--slot=3", args.getFirst());
        assertEquals("--war=/srv/apps/shop.war", args.get(1));
        assertTrue(args.contains("--heartbeat-ms=750"), args.toString());
        assertTrue(args.contains("--keep-alive-ms=2500"), args.toString());
        assertTrue(args.contains("--send-timeout-ms=45000"), args.toString());
    }

    @Test
    void values_may_contain_equals_signs_and_spaces() {
        WorkerSpec spec = specWith("--war=/srv/a=b/my app.war", "--context-path=/x=y", "--tmp-dir=/tmp/run dir");
        assertEquals(Path.of("/srv/a=b/my app.war"), spec.war());
        assertEquals("/x=y", spec.contextPath());
        assertEquals(Path.of("/tmp/run dir"), spec.tmpDir());
        assertEquals(spec, roundTrip(spec));
    }

    @Test
    void login_realms_and_context_xml_survive_the_round_trip() {
        WorkerSpec spec = specWith("--login-realm=admin=/etc/app/admin.properties", "--login-realm=api=/etc/app/a=b.properties",
                "--context-xml=/etc/app/context.xml");
        assertEquals(Map.of("admin", Path.of("/etc/app/admin.properties"), "api", Path.of("/etc/app/a=b.properties")),
                spec.loginRealms());
        assertEquals(Optional.of(Path.of("/etc/app/context.xml")), spec.contextXml());
        List<String> args = spec.toArgs();
        assertTrue(args.contains("--login-realm=admin=/etc/app/admin.properties"), args.toString());
        assertEquals(spec, roundTrip(spec));
    }

    @Test
    void a_quickstart_file_survives_the_round_trip_and_none_writes_no_argument() {
        WorkerSpec spec = specWith("--quickstart=/run/warcorn/shop.war-unpacked-1-2.quickstart-ab12.xml");
        assertEquals(Optional.of(Path.of("/run/warcorn/shop.war-unpacked-1-2.quickstart-ab12.xml")), spec.quickstart());
        assertEquals(spec, roundTrip(spec));
        assertTrue(spec().toArgs().stream().noneMatch(a -> a.startsWith("--quickstart=")), spec().toArgs().toString());
    }

    @Test
    void without_realms_or_context_xml_no_such_argument_is_written() {
        List<String> args = spec().toArgs();
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--login-realm=") || a.startsWith("--context-xml=")), args.toString());
    }

    @Test
    void logging_options_and_an_access_log_with_quotes_and_spaces_survive_the_round_trip() {
        WorkerSpec spec = specWith("--error-logfile=/var/log/app/error.log", "--log-level=warning", "--log-config=/etc/app/logback.xml",
                "--log-json=true", "--access-logfile=/var/log/app/access.log", "--access-logformat=%(h)s \"%(r)s\" %({x-id}i)s");
        assertEquals(new LogOptions("/var/log/app/error.log", LogLevel.WARNING, Optional.of(Path.of("/etc/app/logback.xml")), true),
                spec.logging());
        assertEquals(Optional.of("/var/log/app/access.log"), spec.accessLogfile());
        assertEquals("%(h)s \"%(r)s\" %({x-id}i)s", spec.accessLogformat());
        assertEquals(spec, roundTrip(spec));
    }

    @Test
    void without_an_access_log_no_access_logfile_argument_is_written() {
        assertTrue(spec().toArgs().stream().noneMatch(a -> a.startsWith("--access-logfile=")), spec().toArgs().toString());
    }

    @Test
    void a_missing_argument_is_named() {
        List<String> args = new ArrayList<>(spec().toArgs());
        args.removeIf(a -> a.startsWith("--heartbeat-ms="));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerSpec.fromArgs(args.toArray(String[]::new)));
        assertEquals("worker argument --heartbeat-ms is missing", e.getMessage());
    }

    @Test
    void an_argument_that_is_not_key_value_is_named() {
        List<String> args = new ArrayList<>(spec().toArgs());
        args.add("stray");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerSpec.fromArgs(args.toArray(String[]::new)));
        assertEquals("worker argument stray: expected --key=value", e.getMessage());
    }

    @Test
    void edge_settings_survive_the_round_trip() {
        WorkerSpec spec = spec();
        for (EdgeSpec edge : List.of(new EdgeSpec(List.of("*"), 0, 0, 0, Duration.ZERO, "legacy", false, Optional.empty(), true, List.of("*"), 0),
                new EdgeSpec(List.of("10.0.0.0/8", "::1", "fd00::/8"), 100, 5, 64, Duration.ofMillis(1500), "rfc7230", true,
                        Optional.of(new EdgeSpec.Tls(Path.of("/etc/tls/cert.pem"), Optional.of(Path.of("/etc/tls/key.pem")), Optional.empty(),
                                Optional.of(Path.of("/etc/tls/ca.pem")), "required", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
                                "TLSv1.3")), false, List.of("10.0.0.1"), 10L << 30))) {
            WorkerSpec changed = new WorkerSpec(spec.slot(), spec.war(), spec.environment(), spec.contextPath(), spec.workerClass(),
                    spec.threads(), spec.workerConnections(), spec.gracefulTimeout(), spec.keepAlive(), spec.bodyTimeout(),
                    spec.sendTimeout(), spec.queueTimeout(), spec.tmpDir(), spec.heartbeat(),
                    spec.loginRealms(), spec.contextXml(), spec.maxRequests(), spec.requestTimeoutWarn(), spec.logging(),
                    spec.accessLogfile(), spec.accessLogformat(), edge, spec.procName(), spec.spare(), spec.quickstart());
            assertEquals(changed, roundTrip(changed));
        }
    }
}
