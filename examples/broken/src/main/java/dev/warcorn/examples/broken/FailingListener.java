package dev.warcorn.examples.broken;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** A WAR that fails to deploy, for tests of what warcorn does then (exit 4, no respawn loop). */
@WebListener
public class FailingListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        throw new IllegalStateException("this example WAR fails to deploy on purpose");
    }
}
