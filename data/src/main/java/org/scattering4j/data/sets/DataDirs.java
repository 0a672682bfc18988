package org.scattering4j.data.sets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the data sets live. Larger sets are not shipped; a user names their directory with
 * {@code --data DIR} or the environment variable {@value #ENV}. Either may point to the set's own
 * folder or to a root that holds the sets under their usual folder names ({@code fsdd/},
 * {@code mnist/}, {@code textures-brodatz112/}, ...): if {@code DIR/<folder>} exists it is used.
 *
 * <pre>{@code
 * Path fsdd = DataDirs.resolve(args.path("data", null), Fsdd.FOLDER);
 * }</pre>
 */
public final class DataDirs {
    /** The environment variable naming the data root: {@value}. */
    public static final String ENV = "SCATTERING4J_DATA";

    private DataDirs() {
    }

    /**
     * The directory of the set stored under {@code folder}.
     *
     * @param option the {@code --data} value, or null to use {@value #ENV}
     * @throws IllegalArgumentException if neither is given
     */
    public static Path resolve(Path option, String folder) {
        return resolve(option, folder, System.getenv());
    }

    /** As {@link #resolve(Path, String)}, with the environment given (for tests). */
    public static Path resolve(Path option, String folder, Map<String, String> env) {
        Path root = option;
        if (root == null) {
            String e = env.get(ENV);
            if (e == null || e.isBlank()) {
                throw new IllegalArgumentException("no data directory for " + folder + ": pass --data DIR or set "
                        + ENV + " (a folder holding " + folder + "/, or " + folder + " itself)");
            }
            root = Path.of(e);
        }
        Path sub = root.resolve(folder);
        return Files.isDirectory(sub) ? sub : root;
    }
}
