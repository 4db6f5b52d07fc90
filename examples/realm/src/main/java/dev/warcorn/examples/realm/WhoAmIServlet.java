package dev.warcorn.examples.realm;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /whoami}: the authenticated user and whether the realm gave them the role "user". */
@WebServlet("/whoami")
public class WhoAmIServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().print(req.getRemoteUser() + " user=" + req.isUserInRole("user"));
    }
}
