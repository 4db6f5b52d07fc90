package dev.warcorn.worker.edge;

import dev.warcorn.common.EdgeSpec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpEdgeTest {
    @Test
    void the_head_jetty_accepts_leaves_room_for_every_limit_so_that_each_limit_decides() {
        EdgeSpec gunicorn = EdgeSpec.defaults();
        assertEquals(4096 + 100 * 8192 + 2, HttpEdge.headSize(gunicorn));
        EdgeSpec unlimited = new EdgeSpec(List.of(), 0, 0, 0, Duration.ZERO, "strict", true, java.util.Optional.empty(), false, List.of(), 0);
        assertEquals(HttpEdge.MAX_HEAD, HttpEdge.headSize(unlimited));
    }

    @Test
    void only_listed_peers_are_trusted_and_star_trusts_anyone() {
        TrustedForwarded loopback = new TrustedForwarded(List.of("127.0.0.1", "::1"));
        assertTrue(loopback.trusts(new InetSocketAddress("127.0.0.1", 40000)));
        assertTrue(loopback.trusts(new InetSocketAddress("::1", 40000)));
        assertFalse(loopback.trusts(new InetSocketAddress("10.0.0.1", 40000)));
        TrustedForwarded network = new TrustedForwarded(List.of("10.0.0.0/8"));
        assertTrue(network.trusts(new InetSocketAddress("10.1.2.3", 40000)));
        assertFalse(network.trusts(new InetSocketAddress("11.0.0.1", 40000)));
        assertTrue(new TrustedForwarded(List.of("*")).trusts(new InetSocketAddress("192.0.2.1", 1)));
        assertTrue(network.trusts(UnixDomainSocketAddress.of("/run/warcorn.sock")), "a Unix socket's peer is on this machine");
    }

    @Test
    void a_server_error_shows_its_reason_phrase_only_and_a_client_error_keeps_a_message_that_is_not_an_exception() {
        IllegalStateException e = new IllegalStateException("secret");
        assertEquals("Server Error", ErrorPages.publicMessage(500, e.toString(), e));
        assertEquals("Service Unavailable", ErrorPages.publicMessage(503, "jakarta.servlet.UnavailableException: db down", null));
        assertEquals("Bad Request", ErrorPages.publicMessage(400, e.toString(), e));
        assertEquals("Illegal character", ErrorPages.publicMessage(400, "Illegal character", new RuntimeException()));
        assertEquals("Not Found", ErrorPages.publicMessage(404, null, null));
    }
}
