package dev.warcorn.examples.hello;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /whoami}: the request as the application sees it, one {@code key=value} per line (scheme,
 * secure, remote address, server name and port, protocol); {@code GET /whoami/redirect} redirects to
 * {@code /hello} by an absolute URL made from {@code getRequestURL()}. Tests of forwarded headers, TLS
 * and HTTP/2 read it.
 */
@WebServlet({"/whoami", "/whoami/redirect"})
public class WhoAmIServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getServletPath().equals("/whoami/redirect")) {
            // absolute, from the request's own URL, as frameworks build links (Jetty would send a relative one as is)
            resp.sendRedirect(req.getRequestURL().toString().replace("/whoami/redirect", "/hello"));
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().print("scheme=" + req.getScheme() + "\nsecure=" + req.isSecure() + "\nremote=" + req.getRemoteAddr()
                + "\nhost=" + req.getServerName() + "\nport=" + req.getServerPort() + "\nprotocol=" + req.getProtocol() + "\n");
    }
}
