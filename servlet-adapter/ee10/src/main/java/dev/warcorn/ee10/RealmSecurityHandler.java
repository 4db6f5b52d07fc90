package dev.warcorn.ee10;

import dev.warcorn.adapter.LoginRealms;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;

/**
 * ee10's security handler, taking the login service for the WAR's {@code <login-config>} from
 * {@code --login-realm} when Jetty finds none among the server's beans. It is asked at start, after
 * web.xml has named the realm and the authentication method.
 */
final class RealmSecurityHandler extends ConstraintSecurityHandler {
    private final LoginRealms realms;

    RealmSecurityHandler(LoginRealms realms) {
        this.realms = realms;
    }

    @Override
    protected void doStart() throws Exception {
        // Set here rather than returned from findLoginService(): Jetty leaves a found service unmanaged
        // (it expects a server bean), and ours must be started to read its file.
        if (getLoginService() == null && findLoginService() == null)
            realms.forWar(getRealmName(), getAuthenticationType()).ifPresent(this::setLoginService);
        super.doStart();
    }
}
