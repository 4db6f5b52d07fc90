package dev.warcorn.common;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExitCodeTest {

    @Test
    void of_finds_each_code_by_its_number() {
        for (ExitCode c : ExitCode.values()) assertSame(c, ExitCode.of(c.code()));
    }

    @Test
    void the_numbers_are_the_ones_gunicorn_uses() {
        assertEquals(0, ExitCode.OK.code());
        assertEquals(1, ExitCode.ERROR.code());
        assertEquals(2, ExitCode.USAGE.code());
        assertEquals(3, ExitCode.WORKER_BOOT_ERROR.code());
        assertEquals(4, ExitCode.APP_LOAD_ERROR.code());
        assertEquals(5, ExitCode.HOOK_ERROR.code()); // warcorn's own: Gunicorn's on_starting raising stops it with 1
    }

    @Test
    void of_returns_null_for_an_exit_status_that_is_not_ours() {
        assertNull(ExitCode.of(6));
        assertNull(ExitCode.of(-1));
        assertNull(ExitCode.of(137)); // what a shell reports for a SIGKILLed child
    }

    @Test
    void every_code_explains_itself() {
        assertFalse(Arrays.stream(ExitCode.values()).anyMatch(c -> c.meaning().isBlank()));
    }
}
