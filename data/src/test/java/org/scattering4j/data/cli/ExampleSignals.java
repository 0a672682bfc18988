package org.scattering4j.data.cli;

import java.nio.file.Path;
import org.scattering4j.data.io.Npy;
import org.scattering4j.util.NdArray;

/**
 * Generates {@code data/examples/chirp.npy}, the README's example input: 4 signals of 4096 samples,
 * the noise-free versions of the rows of Kymatio's reference input {@code x1d_N4096} (chirp, Gabor
 * atom, five harmonics, Dirac). Run {@code main} with the target path to regenerate it;
 * {@link Scatter1DCommandTest} checks that the committed file equals this generator's output.
 */
public final class ExampleSignals {
    private ExampleSignals() {
    }

    static NdArray chirpExample() {
        int n = 4096;
        double[] d = new double[4 * n];
        for (int t = 0; t < n; t++) {
            double tt = t;
            d[t] = Math.cos(2 * Math.PI * (0.01 * tt + 0.44 * tt * tt / (2.0 * n)));
            double g = (tt - n / 2.0) / (n / 64.0);
            d[n + t] = Math.exp(-g * g / 2) * Math.cos(2 * Math.PI * 0.1 * tt);
            double h = 0;
            for (int k = 1; k <= 5; k++) {
                h += Math.pow(0.7, k - 1) * Math.cos(2 * Math.PI * k * 0.0137 * tt + 0.3 * k);
            }
            d[2 * n + t] = h;
        }
        d[3 * n + n / 3] = 1;
        return new NdArray(new int[] {4, n}, d);
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "data/examples/chirp.npy");
        Npy.write(target, chirpExample());
        System.out.println("wrote " + target);
    }
}
