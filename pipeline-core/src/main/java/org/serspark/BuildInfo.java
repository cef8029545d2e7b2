package org.serspark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The code version every output records: project version and the git commit it was built from (stamped into the
 * jar at build time, so it is known on executors and in a shaded jar with no git around).
 */
public final class BuildInfo {
    private static final BuildInfo CURRENT = load();

    private final String version;
    private final String commit;
    private final boolean dirty;

    private BuildInfo(String version, String commit, boolean dirty) {
        this.version = version;
        this.commit = commit;
        this.dirty = dirty;
    }

    public static BuildInfo current() {
        return CURRENT;
    }

    public String version() {
        return version;
    }

    public String commit() {
        return commit;
    }

    public boolean dirty() {
        return dirty;
    }

    /** For example {@code 0.1.0-SNAPSHOT+3f2a9c1} or {@code 0.1.0-SNAPSHOT+3f2a9c1.dirty}. */
    public String codeVersion() {
        return version + "+" + commit + (dirty ? ".dirty" : "");
    }

    /** Code, Java and OS facts for provenance records, in a stable order. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("serspark_version", version);
        m.put("git_commit", commit);
        m.put("git_dirty", Boolean.toString(dirty));
        m.put("java_version", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/serspark-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = clean(p.getProperty("version"), "unknown");
        String commit = clean(p.getProperty("commit"), "unknown");
        boolean dirty = Boolean.parseBoolean(clean(p.getProperty("dirty"), "false"));
        return new BuildInfo(version, commit, dirty);
    }

    private static String clean(String v, String fallback) {
        // unfiltered placeholders mean the build ran without git (e.g. a source tarball)
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
    }
}
