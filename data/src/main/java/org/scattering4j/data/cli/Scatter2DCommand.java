package org.scattering4j.data.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/**
 * {@code scattering4j scatter2d}: Kymatio-compatible 2D scattering of a stack of images in a
 * {@code .npy} file.
 *
 * <pre>
 * ./scattering4j scatter2d --J 2 --L 8 --max-order 2 --in X.npy --out S.npy --meta meta.json
 * </pre>
 *
 * X has shape (batch, M, N) or (M, N) (one image); S gets shape (batch, C, M/2^J, N/2^J), float64.
 * Everything is computed before anything is written, and files are written atomically, so bad input
 * leaves no output file behind.
 */
public final class Scatter2DCommand implements Command {
    @Override
    public String name() {
        return "scatter2d";
    }

    @Override
    public String summary() {
        return "2D scattering (Kymatio Scattering2D) of images in a .npy file";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j scatter2d --J J [--L 8] [--max-order 2] --in X.npy --out S.npy [--meta meta.json]",
                "  --J          number of scales, 1 <= J with 2^J <= M and 2^J <= N",
                "  --L          number of angles (default 8)",
                "  --max-order  1 or 2 (default 2)",
                "  --in         input .npy of shape (batch, M, N) or (M, N), any float/int dtype",
                "  --out        output .npy (float64) of shape (batch, C, floor(M/2^J), floor(N/2^J))",
                "  --meta       optional JSON file describing each output channel (order, n, j, theta)");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        args.required("J");
        int bigJ = args.integer("J", 0);
        int bigL = args.integer("L", 8);
        int maxOrder = args.integer("max-order", 2);
        Path in = args.path("in");
        Path target = args.path("out");
        Path metaPath = args.path("meta", null);
        args.checkNoUnknown();
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("--in " + in + ": no such file");
        }
        if (Files.exists(target) && Files.isSameFile(in, target)) {
            throw new IllegalArgumentException("--out " + target + " must differ from --in");
        }
        NdArray x = Npy.read(in);
        int[] s = x.shape();
        if (s.length != 2 && s.length != 3) {
            throw new IllegalArgumentException("--in " + in + " has shape " + java.util.Arrays.toString(s)
                    + "; expected (batch, M, N) or (M, N)");
        }
        int m = s[s.length - 2];
        int n = s[s.length - 1];
        int batch = s.length == 3 ? s[0] : 1;
        Scattering2D scattering = new Scattering2D(bigJ, m, n, bigL, maxOrder);
        NdArray stack = s.length == 3 ? x : new NdArray(new int[] {1, m, n}, x.data());
        NdArray result = scattering.transform(stack);

        String metaText = null;
        if (metaPath != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("transform", "Scattering2D");
            meta.put("J", bigJ);
            meta.put("L", bigL);
            meta.put("max_order", maxOrder);
            meta.put("input_shape", new int[] {m, n});
            meta.put("padded_shape", new int[] {scattering.paddedRows(), scattering.paddedCols()});
            meta.put("output_shape", result.shape());
            meta.put("fields", "n: wavelet indices (n = j*L + theta); j: scales; theta: angle indices "
                    + "(angle = (int(L - L/2 - 1) - theta) * pi / L)");
            meta.put("channels", scattering.meta());
            metaText = Json.write(meta, true);
        }
        Npy.write(target, result);
        if (metaText != null) {
            AtomicFiles.writeString(metaPath, metaText);
        }
        int[] rs = result.shape();
        out.printf("scatter2d: %d image(s) %dx%d, J=%d L=%d max_order=%d -> %s shape (%d, %d, %d, %d)%n", batch, m, n,
                bigJ, bigL, maxOrder, target, rs[0], rs[1], rs[2], rs[3]);
        return 0;
    }
}
