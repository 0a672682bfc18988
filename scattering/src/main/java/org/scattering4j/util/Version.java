package org.scattering4j.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, taken from the build (recorded in model files and sidecars). */
public final class Version {
    /** The version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/org/scattering4j/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }
}
