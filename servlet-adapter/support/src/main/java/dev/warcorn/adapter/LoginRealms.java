package dev.warcorn.adapter;

import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.util.resource.ResourceFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The login realms given with {@code --login-realm NAME=FILE}, each a Jetty {@link HashLoginService}
 * over a properties file ({@code user: password,role,...}).
 *
 * <p>A WAR whose {@code <login-config>} authenticates needs a {@code LoginService} of its realm's name.
 * Jetty looks for one among the server's beans and, finding none, fails with
 * {@code No LoginService for BasicAuthenticator@… in ConstraintSecurityHandler@…} (or, unless told to
 * throw, answers 503 forever). Each environment's security handler asks {@link #forWar} instead,
 * whose refusal names the flag to add.
 */
public final class LoginRealms {
    private final Map<String, Path> files;

    public LoginRealms(Map<String, Path> files) {
        this.files = new TreeMap<>(files);
    }

    /**
     * The login service for a WAR's {@code <login-config>}, or empty when nothing authenticates.
     *
     * @param realm      its {@code <realm-name>}, or null
     * @param authMethod its {@code <auth-method>} (BASIC, FORM, DIGEST, CLIENT-CERT), or null
     * @throws IllegalStateException naming the missing {@code --login-realm}
     */
    public Optional<LoginService> forWar(String realm, String authMethod) {
        if (authMethod == null) return Optional.empty();
        if (realm != null) {
            Path file = files.get(realm);
            if (file == null)
                throw new IllegalStateException("realm \"" + realm + "\" required by WEB-INF/web.xml <login-config>: add --login-realm "
                        + realm + "=FILE (a properties file of lines user: password,role...)" + given());
            return Optional.of(service(realm, file));
        }
        if (files.size() == 1) {
            Map.Entry<String, Path> only = files.entrySet().iterator().next();
            return Optional.of(service(only.getKey(), only.getValue()));
        }
        throw new IllegalStateException("WEB-INF/web.xml <login-config> asks for " + authMethod
                + " authentication but names no <realm-name>: give exactly one --login-realm NAME=FILE" + given());
    }

    private String given() {
        return files.isEmpty() ? "" : "; given: " + String.join(", ", files.keySet());
    }

    private static LoginService service(String realm, Path file) {
        return new HashLoginService(realm, ResourceFactory.root().newResource(file));
    }
}
