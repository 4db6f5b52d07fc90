package dev.warcorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /oom} fills the heap until the JVM runs out of memory: tests use it to see the master
 * replace a worker that died of OutOfMemoryError, and say so. Never answers.
 */
@WebServlet("/oom")
public class MemoryHogServlet extends HttpServlet {
    private static final List<long[]> HOARD = new ArrayList<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        while (true) HOARD.add(new long[1 << 20]); // 8 MB at a time, kept reachable
    }
}
