package dev.warcorn.examples.jndi;

import javax.annotation.Resource;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code GET /jndi}: the env entry {@code greeting} and a query on the DataSource {@code jdbc/demo},
 * both bound in JNDI by the container (warcorn's --context-xml) and injected with {@code @Resource}.
 */
@WebServlet("/jndi")
public class JndiServlet extends HttpServlet {
    @Resource(name = "greeting")
    private String greeting;

    @Resource(name = "jdbc/demo")
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=utf-8");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 6 * 7")) {
            r.next();
            resp.getWriter().print(greeting + ": " + r.getInt(1) + " from " + c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
