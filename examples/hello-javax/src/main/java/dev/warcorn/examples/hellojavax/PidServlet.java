package dev.warcorn.examples.hellojavax;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /pid}: the pid of the JVM that answered. */
@WebServlet("/pid")
public class PidServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print(ProcessHandle.current().pid());
    }
}
