package dev.warcorn.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServletEnvironmentTest {
    @ParameterizedTest
    @CsvSource({"EE8, ee8, javax", "EE9, ee9, jakarta", "EE10, ee10, jakarta", "EE11, ee11, jakarta"})
    void each_environment_has_an_id_and_a_namespace(ServletEnvironment env, String id, String namespace) {
        assertEquals(id, env.id());
        assertEquals(namespace, env.namespace());
    }

    @ParameterizedTest
    @CsvSource({"ee8, EE8", "EE9, EE9", "Ee10, EE10", "' ee11 ', EE11"})
    void parse_ignores_case_and_blanks(String value, ServletEnvironment expected) {
        assertEquals(expected, ServletEnvironment.parse(value));
    }

    @Test
    void parse_rejects_an_unknown_level_naming_the_accepted_ones() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServletEnvironment.parse("ee12"));
        assertEquals("--ee=ee12: unknown; expected ee8, ee9, ee10 or ee11", e.getMessage());
    }

    @Test
    void parse_rejects_null_and_empty() {
        assertThrows(IllegalArgumentException.class, () -> ServletEnvironment.parse(null));
        var e = assertThrows(IllegalArgumentException.class, () -> ServletEnvironment.parse(""));
        assertEquals("--ee=: unknown; expected ee8, ee9, ee10 or ee11", e.getMessage());
    }
}
