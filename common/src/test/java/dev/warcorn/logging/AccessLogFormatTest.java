package dev.warcorn.logging;

import dev.warcorn.logging.AccessLogFormat.Atom;
import dev.warcorn.logging.AccessLogFormat.Text;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Python's {@code %(name)s} syntax, split once; what Python would refuse is refused with its column. */
class AccessLogFormatTest {

    @Test
    void the_default_format_splits_into_atoms_and_the_text_between() {
        List<AccessLogFormat.Part> parts = AccessLogFormat.parse(AccessLogFormat.DEFAULT);
        assertEquals(List.of(new Atom("h"), new Text(" "), new Atom("l"), new Text(" "), new Atom("u"), new Text(" "), new Atom("t"),
                new Text(" \""), new Atom("r"), new Text("\" "), new Atom("s"), new Text(" "), new Atom("b"), new Text(" \""), new Atom("f"),
                new Text("\" \""), new Atom("a"), new Text("\"")), parts);
    }

    @Test
    void header_keys_keep_their_braces_and_nested_parentheses() {
        assertEquals(List.of(new Atom("{x-request-id}i"), new Text(" "), new Atom("{x(y)}o")), AccessLogFormat.parse("%({x-request-id}i)s %({x(y)}o)s"));
    }

    @Test
    void double_percent_is_one_percent_sign_of_text() {
        assertEquals(List.of(new Text("100% "), new Atom("s")), AccessLogFormat.parse("100%% %(s)s"));
    }

    @Test
    void text_without_atoms_is_allowed() {
        assertEquals(List.of(new Text("hit")), AccessLogFormat.parse("hit"));
        assertEquals(List.of(), AccessLogFormat.parse(""));
    }

    @Test
    void a_percent_sign_without_a_name_is_refused() {
        refused("'%' at column 7: expected an atom such as %(h)s, or %% for a percent sign", "%(h)s %s");
        refused("'%' at column 3: expected an atom such as %(h)s, or %% for a percent sign", "ab%");
    }

    @Test
    void an_unclosed_name_is_refused() {
        refused("'%(' at column 1 is never closed; atoms are written %(h)s", "%(h");
    }

    @Test
    void a_name_without_its_conversion_is_refused() {
        refused("'%(h)' at column 1 must be followed by s, as in %(h)s", "%(h) %(s)s");
        refused("'%(h)' at column 1 must be followed by s, as in %(h)s", "%(h)");
    }

    private static void refused(String message, String format) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AccessLogFormat.parse(format)).getMessage());
    }
}
