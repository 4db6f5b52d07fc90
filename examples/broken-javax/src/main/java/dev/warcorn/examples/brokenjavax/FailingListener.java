package dev.warcorn.examples.brokenjavax;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.annotation.WebListener;

/** The javax twin of examples/broken: a WAR that fails to deploy, for the ee8 (nested context) path. */
@WebListener
public class FailingListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent sce) {
        throw new IllegalStateException("this example WAR fails to deploy on purpose");
    }
}
