package dev.warcorn.posix;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** User and group look-ups and the umask; dropping privileges is tested black-box (it would drop the test's own). */
class PrivilegesTest {

    @Test
    void root_resolves_to_uid_and_gid_0() {
        assertEquals(new Privileges.Ids(0, 0), Privileges.resolve("root", null));
    }

    @Test
    void a_user_name_resolves_like_the_user_database_says() throws Exception {
        String nobody = Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith("nobody:")).findFirst().orElseThrow();
        String[] f = nobody.split(":");
        assertEquals(new Privileges.Ids(Integer.parseInt(f[2]), Integer.parseInt(f[3])), Privileges.resolve("nobody", null));
    }

    @Test
    void a_named_group_replaces_the_users_own_and_numbers_pass_through() {
        assertEquals(new Privileges.Ids(0, 0), Privileges.resolve("root", "root"));
        assertEquals(new Privileges.Ids(4321, 1234), Privileges.resolve("4321", "1234"));
    }

    @Test
    void unknown_users_and_groups_are_named_in_the_error() {
        assertEquals("user no-such-user-here: no such user",
                assertThrows(IllegalArgumentException.class, () -> Privileges.resolve("no-such-user-here", null)).getMessage());
        assertEquals("group no-such-group-here: no such group",
                assertThrows(IllegalArgumentException.class, () -> Privileges.resolve("root", "no-such-group-here")).getMessage());
    }

    @Test
    void umask_returns_the_previous_mask() {
        int before = Privileges.umask(0027);
        try {
            assertEquals(0027, Privileges.umask(0027));
        } finally {
            Privileges.umask(before);
        }
    }
}
