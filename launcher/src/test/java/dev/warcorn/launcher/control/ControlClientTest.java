package dev.warcorn.launcher.control;

import dev.warcorn.common.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ControlClientTest {
    @Test
    void the_port_of_a_bind_is_read_from_after_its_last_colon() {
        assertEquals(8000, ControlClient.portOf("127.0.0.1:8000"));
        assertEquals(443, ControlClient.portOf("[::1]:443"));
        assertEquals(9000, ControlClient.portOf("9000"));
    }

    @Test
    void a_bind_without_a_port_in_range_has_none() {
        assertEquals(-1, ControlClient.portOf("127.0.0.1:"));
        assertEquals(-1, ControlClient.portOf("localhost"));
        assertEquals(-1, ControlClient.portOf("127.0.0.1:65536"));
        assertEquals(-1, ControlClient.portOf("127.0.0.1:0"));
    }

    @Test
    void ctl_with_a_bind_without_a_port_is_a_usage_error_not_a_stack_trace() {
        assertEquals(ExitCode.USAGE, ControlClient.run(List.of("-b", "127.0.0.1:", "status")));
    }
}
