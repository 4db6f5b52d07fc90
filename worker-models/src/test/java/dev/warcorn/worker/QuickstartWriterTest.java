package dev.warcorn.worker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuickstartWriterTest {
    @Test
    void the_scanning_jvm_gets_the_workers_options_less_the_aot_caches() {
        List<String> worker = List.of("-Xmx6026m", "-XX:+UseSerialGC", "-XX:AOTCacheOutput=/c/worker-1.aot.training-7-0",
                "-Xlog:aot=error,cds=error", "-XX:AOTCache=/c/other.aot", "-XX:+UseCompactObjectHeaders", "-Dapp.mode=prod");
        assertEquals(List.of("-Xmx6026m", "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders", "-Dapp.mode=prod"),
                worker.stream().filter(o -> !QuickstartWriter.isAotOption(o)).toList());
    }
}
