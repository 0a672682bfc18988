package org.scattering4j.chem.scattering;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.scattering4j.chem.Molecule;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.util.Json;

/**
 * An on-disk cache of feature vectors, one small file per molecule, so a second run over the same file
 * reads instead of recomputing. The key is the SHA-256 of the engine's full description (algorithm id,
 * every featurisation parameter, the layout size) and of the molecule's atomic numbers and exact coordinate
 * bits; names and properties do not enter it. Files are written atomically (temporary file + move), so a
 * killed run leaves no half-written entry, and concurrent writers of the same key are harmless. Nothing is
 * held in memory: the memory use does not grow with the number of molecules. A file that is unreadable or
 * of the wrong length is ignored (and overwritten by the next {@link #put}).
 *
 * <p>Layout: {@code DIR/ab/abcdef...64 hex.f64}: magic {@code S4JF}, int count, count big-endian doubles.
 *
 * <pre>{@code
 * FeatureCache cache = new FeatureCache(Path.of("cache"), engine);
 * double[] x = cache.computeIfAbsent(molecule);   // reads or computes and stores
 * }</pre>
 */
public final class FeatureCache {
    private static final int MAGIC = 0x53344a46; // "S4JF"
    private final Path dir;
    private final InvariantEngine engine;
    private final byte[] engineKey;

    public FeatureCache(Path dir, InvariantEngine engine) {
        this.dir = dir;
        this.engine = engine;
        this.engineKey = (Json.write(engine.describe(), false) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /** The SHA-256 key (64 hex digits) of a molecule under this engine. */
    public String key(Molecule m) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update(engineKey);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + m.atomCount() * 28);
        b.putInt(m.atomCount());
        for (int i = 0; i < m.atomCount(); i++) {
            b.putInt(m.atomicNumber(i));
            for (int k = 0; k < 3; k++) {
                b.putLong(Double.doubleToLongBits(m.coordinate(i, k)));
            }
        }
        md.update(b.array());
        byte[] h = md.digest();
        StringBuilder sb = new StringBuilder(64);
        for (byte x : h) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".f64");
    }

    /** The cached features, or {@code null} when absent or unreadable. */
    public double[] get(Molecule m) {
        Path f = file(key(m));
        int n = engine.layout().size();
        try (InputStream raw = Files.newInputStream(f);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != n) {
                return null;
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = in.readDouble();
            }
            if (in.read() != -1) {
                return null;
            }
            return x;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // truncated or unreadable: recompute
        }
    }

    /** Stores features (atomically). */
    public void put(Molecule m, double[] features) throws IOException {
        if (features.length != engine.layout().size()) {
            throw new IllegalArgumentException(features.length + " features, the engine's layout has "
                    + engine.layout().size());
        }
        AtomicFiles.write(file(key(m)), out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(features.length);
            for (double v : features) {
                d.writeDouble(v);
            }
            d.flush();
        });
    }

    /** Reads the cached features or computes, stores and returns them. */
    public double[] computeIfAbsent(Molecule m) throws IOException {
        double[] x = get(m);
        if (x == null) {
            x = engine.compute(m);
            put(m, x);
        }
        return x;
    }
}
