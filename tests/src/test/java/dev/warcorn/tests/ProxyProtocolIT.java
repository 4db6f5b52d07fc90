package dev.warcorn.tests;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --proxy-protocol: the client's address from a PROXY v1 or v2 header, from --proxy-allow-from peers only. */
class ProxyProtocolIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    static final String GET = "GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    static byte[] v2(int port) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0x00, 0x0C});
        b.writeBytes(new byte[]{(byte) 198, 51, 100, 20, 127, 0, 0, 1, (byte) 0xD9, 0x03, (byte) (port >> 8), (byte) port});
        b.writeBytes(GET.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    @Test
    void a_trusted_proxy_names_the_client_with_v1_or_v2() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--proxy-protocol", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            RawHttp.Reply v1 = RawHttp.send(port, "PROXY TCP4 203.0.113.9 127.0.0.1 5555 " + port + "\r\n" + GET);
            assertTrue(v1.body().contains("remote=203.0.113.9\n"), v1.text());
            RawHttp.Reply v2 = RawHttp.send(port, v2(port), Duration.ofSeconds(10));
            assertTrue(v2.body().contains("remote=198.51.100.20\n"), v2.text());
            assertTrue(RawHttp.send(port, GET).body().contains("remote=127.0.0.1\n"), "without a header the peer is the client");
        }
    }

    @Test
    void a_peer_outside_proxy_allow_from_cannot_send_a_proxy_header() throws Exception {
        try (Warcorn w = Warcorn.start("-b", "127.0.0.1:0", "--proxy-protocol", "--proxy-allow-from", "10.0.0.1", Warcorn.HELLO.toString())) {
            w.awaitReady(1, BOOT);
            int port = w.port();
            RawHttp.Reply r = RawHttp.send(port, "PROXY TCP4 203.0.113.9 127.0.0.1 5555 " + port + "\r\n" + GET);
            assertEquals(400, r.status(), r.text());
            assertTrue(RawHttp.send(port, GET).body().contains("remote=127.0.0.1\n"));
        }
    }
}
