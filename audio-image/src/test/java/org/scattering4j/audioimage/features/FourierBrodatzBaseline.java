package org.scattering4j.audioimage.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scattering4j.data.Progress;
import org.scattering4j.data.sets.Brodatz112;
import org.scattering4j.testing.SharedData;

/**
 * Measures the Fourier baseline on Brodatz-112 protocol A with the nearest-class-mean classifier on
 * standardised features (a program, not a test: it takes half a minute). Run from the repository root:
 * {@code java -cp "audio-image/target/test-classes:audio-image/target/classes:$(cat audio-image/target/bench-classpath.txt)"
 * org.scattering4j.audioimage.features.FourierBrodatzBaseline 16 8}.
 */
public final class FourierBrodatzBaseline {
    private FourierBrodatzBaseline() {
    }

    public static void main(String[] args) throws IOException {
        int radial = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int angular = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = args.length > 2 ? Path.of(args[2]) : SharedData.data(Brodatz112.FOLDER);
        Brodatz112 b = Brodatz112.open(dir);
        FourierFeatures fx = new FourierFeatures(160, 160, radial, angular, 1e-10);
        List<Brodatz112.Patch> all = b.patches();
        double[][] x = Featurizer.extract(all, b::read, fx, p -> p.file() + " tile " + p.tile(),
                Progress.start("fourier", all.size()));
        for (String split : b.splitNames()) {
            Set<Brodatz112.Patch> train = new HashSet<>(b.train(split));
            int ntr = train.size();
            double[][] xtr = new double[ntr][];
            int[] ytr = new int[ntr];
            double[][] xte = new double[all.size() - ntr][];
            int[] yte = new int[all.size() - ntr];
            int i1 = 0;
            int i2 = 0;
            for (int i = 0; i < all.size(); i++) {
                if (train.contains(all.get(i))) {
                    xtr[i1] = x[i];
                    ytr[i1++] = all.get(i).classIndex();
                } else {
                    xte[i2] = x[i];
                    yte[i2++] = all.get(i).classIndex();
                }
            }
            double acc = NearestMean.accuracy(xtr, ytr, xte, yte, Brodatz112.CLASSES);
            System.out.printf(Locale.ROOT, "%s: %.2f %%%n", split, 100 * acc);
        }
    }
}
