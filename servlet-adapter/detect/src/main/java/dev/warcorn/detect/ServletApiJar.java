package dev.warcorn.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A servlet API jar bundled in {@code WEB-INF/lib}, such as {@code jakarta.servlet-api-6.1.0.jar}.
 * Bundling it is a packaging slip, but a useful one: its version is the only place besides web.xml
 * that tells jakarta 5, 6.0 and 6.1 apart, which byte code cannot.
 */
record ServletApiJar(String fileName, ServletEnvironment environment) {
    // jakarta.servlet-api 4.0.x still holds javax.servlet; the version, not the name, decides
    private static final Pattern NAME =
            Pattern.compile("(?:jakarta\\.servlet-api|javax\\.servlet-api|servlet-api)-(\\d{1,4})\\.(\\d{1,4})\\b.*\\.jar");

    /** The bundled API jar of that file name, or {@code null} when it is not one. */
    static ServletApiJar parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) return null;
        ServletEnvironment env = ServletEnvironment.forServletVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return new ServletApiJar(fileName, env);
    }

    /** The first bundled API jar among the file names, or {@code null}. */
    static ServletApiJar find(List<String> jarFileNames) {
        for (String name : jarFileNames) {
            ServletApiJar jar = parse(name);
            if (jar != null) return jar;
        }
        return null;
    }

    String describe() {
        return "WEB-INF/lib bundles " + fileName;
    }
}
