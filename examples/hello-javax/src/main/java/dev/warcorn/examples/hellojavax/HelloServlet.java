package dev.warcorn.examples.hellojavax;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /hello} answers {@code Hello, World!}, written exactly as examples/hello writes it, so
 * that a benchmark row on Tomcat (webapp-runner) and one on Jetty run the same servlet code.
 */
@WebServlet("/hello")
public class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print("Hello, World!");
    }
}
