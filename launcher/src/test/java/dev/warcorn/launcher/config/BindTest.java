package dev.warcorn.launcher.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BindTest {

    @Test
    void host_and_port() {
        assertEquals(new Bind.Tcp("10.0.0.7", 8080), Bind.parse("10.0.0.7:8080"));
    }

    @Test
    void ipv6_host_in_brackets_loses_its_brackets() {
        assertEquals(new Bind.Tcp("::1", 8443), Bind.parse("[::1]:8443"));
        assertEquals(new Bind.Tcp("fe80::1", 80), Bind.parse("[fe80::1]:80"));
    }

    @Test
    void empty_host_means_every_ipv4_address() {
        assertEquals(new Bind.Tcp("0.0.0.0", 81), Bind.parse(":81"));
    }

    @Test
    void port_zero_is_allowed_so_tests_and_scripts_can_ask_for_a_free_port() {
        assertEquals(0, ((Bind.Tcp) Bind.parse("127.0.0.1:0")).port());
    }

    @Test
    void to_string_is_what_the_user_would_type_and_parses_back() {
        for (String raw : new String[] {"127.0.0.1:8000", "[::1]:8443", "localhost:0"}) {
            assertEquals(raw, Bind.parse(raw).toString());
            assertEquals(Bind.parse(raw), Bind.parse(Bind.parse(raw).toString()));
        }
    }

    @Test
    void rules_broken_are_named() {
        assertEquals("expected HOST:PORT, e.g. 127.0.0.1:8000 or [::1]:8000", message("localhost"));
        assertEquals("port is not a number; expected HOST:PORT, e.g. 127.0.0.1:8000", message("localhost:"));
        assertEquals("port must be 0 to 65535 (0 picks a free port)", message("localhost:65536"));
        assertEquals("port must be 0 to 65535 (0 picks a free port)", message("localhost:-1"));
        assertEquals("an IPv6 address needs brackets, e.g. [::1]:8000", message("::1:80"));
    }

    @Test
    void unix_paths_and_inherited_fds_are_binds_too() {
        assertEquals(new Bind.Unix(java.nio.file.Path.of("/run/app.sock")), Bind.parse("unix:/run/app.sock"));
        assertEquals(new Bind.Fd(3), Bind.parse("fd://3"));
        assertEquals("unix:/run/app.sock", Bind.parse("unix:/run/app.sock").toString());
    }

    @Test
    void address_resolves_a_literal_without_a_lookup() throws Exception {
        assertEquals(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), new Bind.Tcp("127.0.0.1", 0).address());
        assertEquals(InetAddress.getByName("::1"), ((Bind.Tcp) Bind.parse("[::1]:0")).address());
    }

    private static String message(String raw) {
        return assertThrows(IllegalArgumentException.class, () -> Bind.parse(raw)).getMessage();
    }
}
