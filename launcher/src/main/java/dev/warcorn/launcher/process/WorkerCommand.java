package dev.warcorn.launcher.process;

import dev.warcorn.common.EdgeSpec;
import dev.warcorn.common.WorkerSpec;
import dev.warcorn.posix.Privileges;
import dev.warcorn.posix.ProcName;
import dev.warcorn.launcher.config.Config;
import dev.warcorn.launcher.config.NamedFile;
import dev.warcorn.launcher.config.Settings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command line of a worker JVM. {@code ps} shows the main class, the slot and the WAR, so workers
 * can be told apart from the master and from each other.
 */
public record WorkerCommand(Path java, List<Path> classPath, Config config, String environment, Path runDir) {
    public static final String MAIN_CLASS = "dev.warcorn.worker.WorkerMain";

    /** Builds the command once the master's run directory exists. */
    @FunctionalInterface
    public interface Factory {
        WorkerCommand create(Path runDir);
    }

    /**
     * Flags every worker gets before the user's {@code --jvm-opt}s (which therefore win): a bounded heap
     * because N workers multiply it; its share of the processors; the serial collector and compact object headers, which measured
     * about 30 MB less per idle worker than the defaults (docs/design.md); exit on OutOfMemoryError so
     * the master replaces the worker instead of leaving it half-alive; java.io open for the worker's fds
     * ({@link #OPEN_JAVA_IO}); the C library's heap given back
     * ({@link #NATIVE_HEAP_TRIM}); the AOT cache mapped where it was written ({@link #SHARED_ARCHIVE}).
     */
    public List<String> jvmFlags() {
        List<String> user = config.all(Settings.JVM_OPT);
        List<String> flags = new ArrayList<>();
        long heap = heapBytes(config.get(Settings.HEAP), physicalMemory(), config.workers());
        flags.add("-Xmx" + (heap >> 20) + "m");
        // The JVM refuses to start with two collectors ("Multiple garbage collectors selected"), so a later
        // -XX:+UseG1GC does not override the serial collector as other flags would: it replaces it.
        if (user.stream().noneMatch(WorkerCommand::selectsCollector)) flags.add("-XX:+UseSerialGC");
        boolean serial = user.stream().filter(WorkerCommand::selectsCollector).allMatch("-XX:+UseSerialGC"::equals);
        // Another collector sizes its young generation itself (G1 by its pause goal), and a user's own sizing
        // of the heap or of its young generation wins
        if (serial && user.stream().noneMatch(WorkerCommand::sizesTheHeap))
            flags.add("-Xmn" + (youngBytes(heap, config.get(Settings.WORKER_CONNECTIONS), config.optional(Settings.MAX_WORKER_MEMORY)) >> 20) + "m");
        flags.addAll(List.of(
                "-XX:+UseCompactObjectHeaders",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:ActiveProcessorCount=" + processorsPerWorker(Runtime.getRuntime().availableProcessors(), config.workers()),
                "--enable-native-access=ALL-UNNAMED",
                OPEN_JAVA_IO,
                NATIVE_HEAP_TRIM));
        flags.addAll(SHARED_ARCHIVE);
        flags.addAll(user);
        return flags;
    }

    /**
     * The worker reads and writes its inherited fds (the master's pipes, its copies of stdout and stderr) with
     * the JDK's file streams, on FileDescriptors made by {@code dev.warcorn.posix.JdkFds}, which needs java.io
     * open. Its boot then links no libc function: 60–140 ms faster and 5–6 MB less heap touched than when it
     * made its first four FFM calls there (docs/design.md, "A boot that links no native function").
     * It opens nothing a web app could not reach already: native access is enabled for the same unnamed modules.
     */
    static final String OPEN_JAVA_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";

    /**
     * The compilers' arenas that a boot fills are freed about 5 s after it (HotSpot's chunk pool is cleaned every
     * 5 s), but glibc keeps them resident: 6–8 MB of an idle hello worker, in every worker of the pool. Trimmed
     * every 2 s, an idle worker's PSS fell from 84.6 to 79.3 MB (scripts/footprint 5); at 5 s the trims came
     * before the arenas were freed and gave nothing. Under load the trim has little to walk: hello's CPU per
     * request was 34.8 against 33.55 µs, inside the run's spread (docs/design.md, "The workers' C heap").
     */
    static final String NATIVE_HEAP_TRIM = "-XX:TrimNativeHeapInterval=2000";

    /**
     * Map the AOT cache (and the JDK's class-data archive) at the address it was written for. HotSpot's
     * default since JDK 20 maps it at a random address and patches every pointer in it, which makes all its
     * pages private to each worker: 34 MB per hello worker. Mapped in place, its read-only part stays file
     * pages that every worker of the pool shares (docs/design.md, "Start-up: the AOT cache's pages"). A
     * user's {@code -XX:ArchiveRelocationMode=1} comes later and wins.
     */
    static final List<String> SHARED_ARCHIVE = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    /** -Xmx, -Xmn and their -XX: forms, or -XX:NewRatio: the user sizes the heap or its young generation. */
    static boolean sizesTheHeap(String jvmOption) {
        return jvmOption.startsWith("-Xmx") || jvmOption.startsWith("-Xmn")
                || jvmOption.matches("-XX:(MaxHeapSize|NewSize|MaxNewSize|NewRatio)=.*");
    }

    /** Young generation per request a worker may hold in flight: about 4 times the 47 KB one holds live. */
    static final long YOUNG_PER_REQUEST = 200L << 10;

    /**
     * The serial collector's young generation, fixed from the start at {@link #YOUNG_PER_REQUEST} for each of
     * --worker-connections, at most a third of the heap (what NewRatio gives at the full heap). Left to the
     * JVM it starts at a third of the initial heap (1/64 of the memory) and grows only when the old
     * generation fills, which requests that live a second never make it do: at 5,000 clients on a slow
     * upstream each collection then copied the live data of every request in flight several times a
     * second (29 % of the wall time in pauses). A worker under load keeps its whole young generation
     * resident, so it follows the requests in flight asked for rather than the heap, and with
     * --max-worker-memory it is at most a quarter of that limit, which the worker must stay below.
     */
    static long youngBytes(long heapBytes, int workerConnections, Optional<Long> maxWorkerMemory) {
        long young = Math.min(heapBytes / 3, workerConnections * YOUNG_PER_REQUEST);
        if (maxWorkerMemory.isPresent()) young = Math.min(young, maxWorkerMemory.get() / 4);
        return Math.max(young, 4L << 20);
    }

    /** The JDK 25 collectors' flags; others that end in GC (-XX:+UseMaximumCompactionOnSystemGC) tune one. */
    static boolean selectsCollector(String jvmOption) {
        return jvmOption.matches("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC");
    }

    public WorkerCommand with(Config newConfig) {
        return new WorkerCommand(java, classPath, newConfig, environment, runDir);
    }

    /** Unpacks the WAR now if it is a file not unpacked yet (the copy {@link #spec} then finds). */
    public void prepare() {
        deployed();
    }

    /** What workers deploy: the WAR's unpacked copy in the run directory, or the WAR itself (see {@link UnpackedWar}). */
    private Path deployed() {
        return UnpackedWar.of(config.war().toAbsolutePath(), runDir);
    }

    public WorkerSpec spec(int slot, int generation, long maxRequests) {
        return spec(slot, false, generation, maxRequests);
    }

    /** @param slot the worker's slot, or the spare's number when {@code spare} */
    public WorkerSpec spec(int slot, boolean spare, int generation, long maxRequests) {
        Path deployed = deployed();
        return new WorkerSpec(slot, deployed, environment, config.get(Settings.CONTEXT_PATH),
                config.get(Settings.WORKER_CLASS), config.get(Settings.THREADS), config.get(Settings.WORKER_CONNECTIONS),
                config.gracefulTimeout(), config.get(Settings.KEEP_ALIVE), config.get(Settings.BODY_TIMEOUT),
                config.get(Settings.SEND_TIMEOUT), config.get(Settings.QUEUE_TIMEOUT),
                runDir.resolve((spare ? "spare-" : "worker-") + slot + "-" + generation), heartbeat(config.timeout()),
                config.all(Settings.LOGIN_REALM).stream().collect(Collectors.toMap(NamedFile::name, NamedFile::file, (a, b) -> b)),
                config.optional(Settings.CONTEXT_XML), maxRequests, config.get(Settings.REQUEST_TIMEOUT_WARN), config.logging(),
                config.optional(Settings.ACCESS_LOGFILE), config.get(Settings.ACCESS_LOGFORMAT), edge(config),
                spare ? ProcName.spare(config.get(Settings.PROC_NAME), slot) : ProcName.worker(config.get(Settings.PROC_NAME), slot), spare,
                quickstart(deployed));
    }

    /**
     * --quickstart: the descriptor file for the WAR, named by everything that decides its content: the WAR file
     * (path, size, modification time, as its unpacked copy is), the environment, the worker class path and the
     * context XML, and the worker's working directory and user: Jetty's generator writes a path under the
     * JVM's {@code user.dir} or {@code user.home} as {@code ${user.dir.uri}/...} or {@code ${user.home.uri}/...},
     * so a descriptor written by a worker started in the distribution's own directory named the container's
     * jars relative to it, and a master started from anywhere else found them missing and set the file aside
     * for good. It lives in the --aot-cache directory, so a restarted master finds it, else in the run
     * directory. None for a WAR directory: it is served in place and may be edited under a running master.
     */
    private Optional<Path> quickstart(Path deployed) {
        Path war = config.war().toAbsolutePath();
        if (!config.get(Settings.QUICKSTART) || !Files.isRegularFile(war) || deployed.equals(war)) return Optional.empty();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((environment + "\n").getBytes(StandardCharsets.UTF_8));
            Path workingDir = config.optional(Settings.CHDIR).orElse(Path.of("")).toAbsolutePath().normalize();
            sha.update((workingDir + "\n" + config.optional(Settings.USER).orElse("") + "\n").getBytes(StandardCharsets.UTF_8));
            List<Path> inputs = new ArrayList<>(List.of(war));
            inputs.addAll(fullClassPath());
            config.optional(Settings.CONTEXT_XML).ifPresent(inputs::add);
            AotCache.digestFiles(sha, inputs);
            String name = AotCache.QUICKSTART_PREFIX + war.getFileName() + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".xml";
            Path dir = AotCache.directory(config.get(Settings.AOT_CACHE), System.getenv(), Privileges.isRoot())
                    .filter(Files::isDirectory).filter(Files::isWritable).orElse(runDir);
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // in use: not pruned
            return Optional.of(file);
        } catch (NoSuchAlgorithmException | IOException e) {
            return Optional.empty(); // a jar that vanished fails the worker's start with its own reason; quickstart only speeds one up
        }
    }

    static EdgeSpec edge(Config config) {
        return new EdgeSpec(config.get(Settings.FORWARDED_ALLOW_IPS), config.get(Settings.LIMIT_REQUEST_LINE),
                config.get(Settings.LIMIT_REQUEST_FIELDS), config.get(Settings.LIMIT_REQUEST_FIELD_SIZE),
                config.get(Settings.HEADER_TIMEOUT), config.get(Settings.HTTP_COMPLIANCE), config.get(Settings.HTTP).equals("2"),
                config.optional(Settings.CERTFILE).map(cert -> new EdgeSpec.Tls(cert, config.optional(Settings.KEYFILE),
                        config.optional(Settings.KEYSTORE_PASSWORD_FILE), config.optional(Settings.CA_CERTS), config.get(Settings.CERT_REQS),
                        config.optional(Settings.CIPHERS).orElse(List.of()), config.get(Settings.SSL_VERSION))),
                config.get(Settings.PROXY_PROTOCOL), config.get(Settings.PROXY_ALLOW_FROM), config.get(Settings.LIMIT_REQUEST_BODY));
    }

    /** Smallest heap --heap auto gives a worker: what a Jetty worker with a usual WAR runs well in. */
    static final long AUTO_HEAP_FLOOR = 512L << 20;

    /**
     * --heap auto: a quarter of the machine's memory (what the JVM takes for one JVM by default) shared by
     * the workers, at least {@link #AUTO_HEAP_FLOOR}. A fixed 512m was too small for thousands of requests in
     * flight: at 5,000 concurrent clients each worker held 2,500 requests of about 47 KB each (120 MB
     * live, docs/design.md, "The heap"), and the serial collector then collects back to back once the old
     * generation fills with requests that live a second. The heap grows only as the worker needs it, so
     * an idle worker is no bigger for a larger maximum.
     */
    static long heapBytes(long setting, long physicalBytes, int workers) {
        if (setting != Settings.AUTO_HEAP) return setting;
        if (physicalBytes <= 0) return AUTO_HEAP_FLOOR;
        return Math.max(AUTO_HEAP_FLOOR, physicalBytes / 4 / Math.max(1, workers));
    }

    /** The memory of the machine, or of the container the master runs in; 0 when the JVM cannot tell. */
    static long physicalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    /**
     * Each worker JVM sizes its GC and JIT threads, Jetty's selectors and the virtual-thread carriers by
     * the processors it sees; N workers that each see every core oversubscribe them. Measured with
     * 2 workers on 2 cores (hello, wrk -c64): 40k req/s seeing 2 each, 52k seeing 1 each.
     */
    static int processorsPerWorker(int processors, int workers) {
        return Math.max(1, processors / Math.max(1, workers));
    }

    /** The environment's class path, then --worker-classpath. */
    public List<Path> fullClassPath() {
        List<Path> cp = new ArrayList<>(classPath);
        cp.addAll(config.all(Settings.WORKER_CLASSPATH));
        return cp;
    }

    /** Beat often enough that two missed beats still fit in --timeout (and every 2 s when it is off). */
    static Duration heartbeat(Duration timeout) {
        if (timeout.isZero()) return Duration.ofSeconds(2);
        return Duration.ofMillis(Math.max(200, Math.min(2000, timeout.toMillis() / 4)));
    }

    public List<String> argv(int slot, int generation, long maxRequests) {
        return argv(slot, generation, maxRequests, List.of());
    }

    /** @param extraFlags JVM flags that depend on the moment, such as the AOT cache's */
    public List<String> argv(int slot, int generation, long maxRequests, List<String> extraFlags) {
        return argv(slot, false, generation, maxRequests, extraFlags);
    }

    public List<String> argv(int slot, boolean spare, int generation, long maxRequests, List<String> extraFlags) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmFlags());
        argv.addAll(extraFlags);
        argv.add("-cp");
        argv.add(fullClassPath().stream().map(Path::toString).collect(Collectors.joining(":")));
        argv.add(MAIN_CLASS);
        argv.addAll(spec(slot, spare, generation, maxRequests).toArgs());
        return argv;
    }
}
