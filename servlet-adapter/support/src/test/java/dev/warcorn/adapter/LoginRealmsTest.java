package dev.warcorn.adapter;

import org.eclipse.jetty.security.LoginService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginRealmsTest {
    @TempDir
    Path tmp;

    private Path users() throws IOException {
        return Files.writeString(tmp.resolve("users.properties"), "alice: secret,user\n");
    }

    @Test
    void a_login_config_without_an_auth_method_needs_no_realm() {
        assertTrue(new LoginRealms(Map.of()).forWar("jolokia", null).isEmpty());
    }

    @Test
    void the_realm_a_login_config_names_is_the_one_given_under_that_name() throws IOException {
        LoginService service = new LoginRealms(Map.of("other", users(), "jolokia", users())).forWar("jolokia", "BASIC").orElseThrow();
        assertEquals("jolokia", service.getName());
    }

    @Test
    void a_realm_that_was_not_given_is_refused_naming_the_flag_to_add() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LoginRealms(Map.of()).forWar("jolokia", "BASIC"));
        assertEquals("realm \"jolokia\" required by WEB-INF/web.xml <login-config>: add --login-realm jolokia=FILE"
                + " (a properties file of lines user: password,role...)", e.getMessage());
    }

    @Test
    void a_refusal_lists_the_realms_that_were_given() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LoginRealms(Map.of("jolokai", users())).forWar("jolokia", "BASIC"));
        assertTrue(e.getMessage().endsWith("; given: jolokai"), e.getMessage());
    }

    @Test
    void a_login_config_without_a_realm_name_takes_the_only_realm_given() throws IOException {
        assertEquals("example", new LoginRealms(Map.of("example", users())).forWar(null, "FORM").orElseThrow().getName());
    }

    @Test
    void a_login_config_without_a_realm_name_is_refused_when_several_realms_were_given() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LoginRealms(Map.of("a", users(), "b", users())).forWar(null, "BASIC"));
        assertEquals("WEB-INF/web.xml <login-config> asks for BASIC authentication but names no <realm-name>: "
                + "give exactly one --login-realm NAME=FILE; given: a, b", e.getMessage());
    }
}
