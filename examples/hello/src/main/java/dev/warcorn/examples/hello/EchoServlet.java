package dev.warcorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code POST /echo} reads the whole body and answers {@code read N bytes} (slow uploads, broken bodies);
 * {@code GET /echo?bytes=N} answers N bytes (slow downloads).
 */
@WebServlet("/echo")
public class EchoServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long n = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = req.getInputStream()) {
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) n += r;
        }
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print("read " + n + " bytes");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long n = Long.parseLong(req.getParameter("bytes") == null ? "0" : req.getParameter("bytes"));
        resp.setContentType("application/octet-stream");
        resp.setContentLengthLong(n);
        byte[] chunk = new byte[8192];
        OutputStream out = resp.getOutputStream();
        for (long left = n; left > 0; left -= chunk.length) out.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
}
