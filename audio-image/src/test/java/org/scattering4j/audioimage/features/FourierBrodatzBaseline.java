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
        int d = fx.dimension();
        for (String split : b.splitNames()) {
            Set<Brodatz112.Patch> train = new HashSet<>(b.train(split));
            double[] mu = new double[d];
            double[] sd = new double[d];
            int n = 0;
            for (int i = 0; i < all.size(); i++) {
                if (train.contains(all.get(i))) {
                    n++;
                    for (int k = 0; k < d; k++) {
                        mu[k] += x[i][k];
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                mu[k] /= n;
            }
            for (int i = 0; i < all.size(); i++) {
                if (train.contains(all.get(i))) {
                    for (int k = 0; k < d; k++) {
                        sd[k] += (x[i][k] - mu[k]) * (x[i][k] - mu[k]);
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                sd[k] = Math.sqrt(sd[k] / n);
            }
            double[][] centre = new double[Brodatz112.CLASSES][d];
            int[] count = new int[Brodatz112.CLASSES];
            for (int i = 0; i < all.size(); i++) {
                if (train.contains(all.get(i))) {
                    int c = all.get(i).classIndex();
                    count[c]++;
                    for (int k = 0; k < d; k++) {
                        centre[c][k] += (x[i][k] - mu[k]) / sd[k];
                    }
                }
            }
            for (int c = 0; c < centre.length; c++) {
                for (int k = 0; k < d; k++) {
                    centre[c][k] /= count[c];
                }
            }
            int right = 0;
            int tests = 0;
            for (int i = 0; i < all.size(); i++) {
                if (train.contains(all.get(i))) {
                    continue;
                }
                tests++;
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < centre.length; c++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        double v = (x[i][k] - mu[k]) / sd[k] - centre[c][k];
                        s += v * v;
                    }
                    if (s < bestD) {
                        bestD = s;
                        best = c;
                    }
                }
                if (best == all.get(i).classIndex()) {
                    right++;
                }
            }
            System.out.printf(Locale.ROOT, "%s: %.2f %% (%d/%d)%n", split, 100.0 * right / tests, right, tests);
        }
    }
}
