package org.scattering4j.data.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.Main;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.HarmonicScattering3D;
import org.scattering4j.util.NdArray;

/**
 * {@code scattering4j scatter3d}: solid harmonic scattering ({@link HarmonicScattering3D}) of a batch of
 * volumes stored as {@code .npy} {@code (batch, M, N, O)}; writes {@code (batch, paths, L+1, powers)} and
 * optionally Kymatio's order 0 {@code (batch, powers)}. Everything is computed before anything is written,
 * and both files appear only when both are complete.
 */
public final class Scatter3DCommand implements Command, Main.HasFlags {
    @Override
    public String name() {
        return "scatter3d";
    }

    @Override
    public String summary() {
        return "solid harmonic 3D scattering (Kymatio HarmonicScattering3D) of .npy volumes";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j scatter3d --J J --in X.npy --out S.npy [options]",
                "",
                "  --in X.npy                 volumes, shape (batch, M, N, O), float64 or float32",
                "  --out S.npy                coefficients, shape (batch, paths, L+1, powers), float64",
                "  --J J                      largest scale (scales 0..J), >= 0",
                "  --L L                      largest degree, default 3",
                "  --sigma0 S                 width of scale 0 in voxels, default 1.0",
                "  --powers Q1,Q2,...         integral powers, default 0.5,1,2",
                "  --max-order 1|2            default 2",
                "  --no-rotation-covariant    use only the m = -l filter (Kymatio rotation_covariant=False)",
                "  --multires                 approximate multi-resolution mode (much faster)",
                "  --order0 S0.npy            also write sum_u x(u)^q, shape (batch, powers)",
                "",
                "Paths: first order j1 = 0..J, then pairs j1 < j2 in lexicographic order (as Kymatio).");
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-rotation-covariant", "multires");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path in = args.path("in");
        Path outPath = args.path("out");
        if (!args.has("J")) {
            throw new UsageException("missing required option --J");
        }
        int J = args.integer("J", 0);
        int L = args.integer("L", 3);
        double sigma0 = args.real("sigma0", 1.0);
        double[] powers = args.reals("powers", new double[] {0.5, 1, 2});
        int maxOrder = args.integer("max-order", 2);
        boolean covariant = !args.flag("no-rotation-covariant");
        boolean multires = args.flag("multires");
        Path order0 = args.path("order0", null);
        args.checkNoUnknown();
        if (order0 != null && order0.toAbsolutePath().equals(outPath.toAbsolutePath())) {
            throw new UsageException("--order0 and --out name the same file " + outPath);
        }
        if (!Files.isRegularFile(in)) {
            throw new IOException("input file " + in + " does not exist");
        }
        NdArray x = Npy.read(in);
        if (x.rank() != 4) {
            throw new IllegalArgumentException(in + ": expected shape (batch, M, N, O), got "
                    + Arrays.toString(x.shape()));
        }
        int b = x.dim(0);
        if (b == 0) {
            throw new IllegalArgumentException(in + ": the batch is empty (shape " + Arrays.toString(x.shape()) + ")");
        }
        HarmonicScattering3D s = HarmonicScattering3D.builder(J, x.dim(1), x.dim(2), x.dim(3)).L(L)
                .sigma0(sigma0).integralPowers(powers).maxOrder(maxOrder).rotationCovariant(covariant)
                .multiresolution(multires).build();
        double[][] vols = new double[b][];
        for (int i = 0; i < b; i++) {
            vols[i] = x.row(i);
        }
        long t0 = System.nanoTime();
        NdArray result = s.transform(vols);
        NdArray s0 = order0 == null ? null : s.order0(vols, powers);
        double secs = (System.nanoTime() - t0) / 1e9;
        // both files appear only when both are written
        Path tmpOut = AtomicFiles.newTemp(outPath);
        Path tmp0 = null;
        boolean ok = false;
        try {
            Npy.write(tmpOut, result);
            if (s0 != null) {
                tmp0 = AtomicFiles.newTemp(order0);
                Npy.write(tmp0, s0);
            }
            if (tmp0 != null) {
                AtomicFiles.commit(tmp0, order0);
            }
            AtomicFiles.commit(tmpOut, outPath);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmpOut);
                if (tmp0 != null) {
                    Files.deleteIfExists(tmp0);
                }
            }
        }
        out.printf("scatter3d: %d volume(s) %dx%dx%d -> %s %s (%.2f s%s)%n", b, x.dim(1), x.dim(2), x.dim(3),
                outPath, Arrays.toString(result.shape()), secs, multires ? ", multi-resolution" : "");
        return 0;
    }
}
