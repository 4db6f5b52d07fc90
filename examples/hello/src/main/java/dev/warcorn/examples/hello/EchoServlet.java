package dev.warcorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code POST /echo} reads the whole body and answers {@code read N bytes}; tests send it broken bodies. */
@WebServlet("/echo")
public class EchoServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long n = req.getInputStream().readAllBytes().length;
        resp.setContentType("text/plain");
        resp.getWriter().print("read " + n + " bytes");
    }
}
