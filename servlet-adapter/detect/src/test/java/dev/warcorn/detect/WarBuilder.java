package dev.warcorn.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small WARs and jars for tests, as zip files or as exploded directories. */
final class WarBuilder {
    static final String JAVAX_SERVLET = "javax/servlet/http/HttpServlet";
    static final String JAKARTA_SERVLET = "jakarta/servlet/http/HttpServlet";

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static WarBuilder war() {
        return new WarBuilder();
    }

    WarBuilder add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    WarBuilder add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    WarBuilder webXml(String xml) {
        return add("WEB-INF/web.xml", xml);
    }

    /** {@code count} classes under WEB-INF/classes that each mention the given type. */
    WarBuilder classes(int count, String servletType) {
        for (int i = 0; i < count; i++) add("WEB-INF/classes/app/C" + entries.size() + ".class", fakeClass(servletType));
        return this;
    }

    WarBuilder jar(String fileName, WarBuilder contents) {
        return add("WEB-INF/lib/" + fileName, contents.toZipBytes());
    }

    /**
     * Bytes shaped like a class file whose constant pool names the type as a field descriptor; the
     * detector only looks at those bytes.
     */
    static byte[] fakeClass(String... internalNames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 69});
        for (String n : internalNames) {
            byte[] utf8 = ("L" + n + ";").getBytes(StandardCharsets.UTF_8);
            out.write(1); // CONSTANT_Utf8
            out.write(utf8.length >> 8);
            out.write(utf8.length);
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    byte[] toZipBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    Path writeZip(Path file) throws IOException {
        return Files.write(file, toZipBytes());
    }

    Path writeDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return dir;
    }
}
