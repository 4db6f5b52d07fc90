package dev.warcorn.examples.ee11;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /servlet61}: calls {@code ServletResponse.setCharacterEncoding(Charset)}, new in Servlet
 * 6.1, so it answers only on ee11 (ee10 would throw NoSuchMethodError), and names the version it got.
 */
@WebServlet("/servlet61")
public class Servlet61 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.setCharacterEncoding(StandardCharsets.UTF_8);
        resp.getWriter().print("servlet " + getServletContext().getMajorVersion() + "." + getServletContext().getMinorVersion());
    }
}
