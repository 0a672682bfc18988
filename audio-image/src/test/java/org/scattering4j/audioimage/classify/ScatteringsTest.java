package org.scattering4j.audioimage.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.audioimage.features.BatchFeatureExtractor;
import org.scattering4j.audioimage.features.Featurizer;
import org.scattering4j.data.Progress;
import org.scattering4j.scattering.Scattering2D;

class ScatteringsTest {
    private static List<double[][]> images(int n, long seed) {
        Random r = new Random(seed);
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[][] img = new double[28][28];
            for (double[] row : img) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = r.nextDouble();
                }
            }
            out.add(img);
        }
        return out;
    }

    @Test
    void flatBatchPathEqualsOneImageAtATime() throws IOException {
        Scattering2D s = new Scattering2D(2, 28, 28, 8, 2);
        BatchFeatureExtractor<double[][]> fx = Scatterings.flat(s);
        assertEquals(81 * 7 * 7, fx.dimension());
        List<double[][]> imgs = images(70, 3); // batches of 32: two full, one partial
        List<double[]> rows = new ArrayList<>();
        int n = Featurizer.stream(imgs.iterator(), fx, 32, rows::add, Progress.silent());
        assertEquals(70, n);
        for (int i = 0; i < imgs.size(); i++) {
            // the single-image transform, independent of the batch code path
            assertArrayEquals(s.transform(imgs.get(i)).data(), rows.get(i), 0, "image " + i);
        }
    }

    @Test
    void poweredFeaturesAreTheRawCoefficientsRaisedToThePowerOnBothPaths() throws IOException {
        Scattering2D s = new Scattering2D(3, 28, 28, 8, 2);
        BatchFeatureExtractor<double[][]> raw = Scatterings.flat(s);
        BatchFeatureExtractor<double[][]> half = Scatterings.flat(s, 0.5);
        assertEquals(217 * 3 * 3, half.dimension());
        assertTrue(half.describe().contains("|S|^0.5"), half.describe());
        List<double[][]> imgs = images(5, 7);
        List<double[]> rows = new ArrayList<>();
        Featurizer.stream(imgs.iterator(), half, 3, rows::add, Progress.silent());
        for (int i = 0; i < imgs.size(); i++) {
            double[] r = raw.extract(imgs.get(i));
            double[] one = half.extract(imgs.get(i));
            for (int k = 0; k < r.length; k++) {
                assertEquals(Math.sqrt(Math.abs(r[k])), one[k], 1e-15 * (1 + Math.abs(one[k])), "image " + i);
                assertEquals(one[k], rows.get(i)[k], 0, "batch path, image " + i + " feature " + k);
            }
        }
        // power 1 is the plain transform, bit for bit
        assertArrayEquals(raw.extract(imgs.get(0)), Scatterings.flat(s, 1).extract(imgs.get(0)), 0);
        for (double bad : new double[] {0, -0.5, Double.NaN, 5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scatterings.flat(s, bad));
            assertTrue(e.getMessage().contains("power = " + bad), e.getMessage());
        }
    }

    @Test
    void aBadImageInABatchIsNamed() {
        Scattering2D s = new Scattering2D(2, 28, 28, 8, 1);
        List<double[][]> imgs = images(40, 4);
        imgs.set(37, new double[27][28]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Featurizer.stream(imgs.iterator(), Scatterings.flat(s), 32, r -> { }, Progress.silent()));
        assertTrue(e.getMessage().contains("batch of inputs 32..39"), e.getMessage());
        assertTrue(e.getMessage().contains("image 5 of the batch is 27 x 28"), e.getMessage());
    }

    /** The digit copied onto a zero canvas of {@code side} at ({@code top}, {@code left}), by hand. */
    private static double[][] onCanvas(double[][] img, int side, int top, int left) {
        double[][] c = new double[side][side];
        for (int y = 0; y < img.length; y++) {
            for (int x = 0; x < img[y].length; x++) {
                c[top + y][left + x] = img[y][x];
            }
        }
        return c;
    }

    @Test
    void canvasFeaturesAreTheCroppedTransformOfThePlacedImageOnBothPaths() throws IOException {
        Scattering2D s = new Scattering2D(3, 36, 36, 8, 2);
        assertEquals(4, s.outputRows());
        Scatterings.Canvas c = new Scatterings.Canvas(28, 28, 4, 3, 1, 2); // unequal offsets catch row/col swaps
        BatchFeatureExtractor<double[][]> fx = Scatterings.flat(s, 0.5, c);
        assertEquals(217 * 3 * 2, fx.dimension());
        assertTrue(fx.describe().contains("at (4, 3) on a 36x36 zero canvas, output grid from row 1, column 2"),
                fx.describe());
        List<double[][]> imgs = images(5, 11);
        double[] copy0 = imgs.get(0)[5].clone();
        List<double[]> rows = new ArrayList<>();
        Featurizer.stream(imgs.iterator(), fx, 3, rows::add, Progress.silent());
        assertArrayEquals(copy0, imgs.get(0)[5], 0, "the caller's image is not modified");
        for (int i = 0; i < imgs.size(); i++) {
            // direct computation: transform of the hand-made canvas [217][4][4], rows 1..3, cols 2..3
            double[] all = s.transform(onCanvas(imgs.get(i), 36, 4, 3)).data();
            double[] one = fx.extract(imgs.get(i));
            int k = 0;
            for (int ch = 0; ch < 217; ch++) {
                for (int y = 1; y < 4; y++) {
                    for (int x = 2; x < 4; x++) {
                        double want = Math.sqrt(Math.abs(all[(ch * 4 + y) * 4 + x]));
                        assertEquals(want, one[k], 1e-15 * (1 + want), "image " + i + " feature " + k);
                        assertEquals(one[k], rows.get(i)[k], 0, "batch path, image " + i + " feature " + k);
                        k++;
                    }
                }
            }
        }
        // an uncropped canvas of the image's own size is the plain extractor
        Scattering2D s28 = new Scattering2D(3, 28, 28, 8, 2);
        assertArrayEquals(Scatterings.flat(s28, 0.5).extract(imgs.get(1)),
                Scatterings.flat(s28, 0.5, new Scatterings.Canvas(28, 28, 0, 0, 0, 0)).extract(imgs.get(1)), 0);
    }

    @Test
    void badCanvasesAndImagesAreRejected() {
        Scattering2D s = new Scattering2D(3, 36, 36, 8, 2);
        for (Scatterings.Canvas bad : List.of(new Scatterings.Canvas(28, 28, 9, 0, 0, 0),
                new Scatterings.Canvas(28, 28, 0, -1, 0, 0), new Scatterings.Canvas(0, 28, 0, 0, 0, 0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Scatterings.flat(s, 0.5, bad));
            assertTrue(e.getMessage().contains("36 x 36 canvas"), e.getMessage());
        }
        for (Scatterings.Canvas bad : List.of(new Scatterings.Canvas(28, 28, 4, 4, 4, 0),
                new Scatterings.Canvas(28, 28, 4, 4, 0, -1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Scatterings.flat(s, 0.5, bad));
            assertTrue(e.getMessage().contains("allowed 0..3"), e.getMessage());
        }
        BatchFeatureExtractor<double[][]> fx = Scatterings.flat(s, 0.5, new Scatterings.Canvas(28, 28, 4, 4, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fx.extract(new double[36][36]));
        assertTrue(e.getMessage().contains("is 36 x 36") && e.getMessage().contains("expects 28 x 28"),
                e.getMessage());
        double[][] ragged = new double[28][28];
        ragged[3] = new double[27];
        e = assertThrows(IllegalArgumentException.class, () -> fx.extract(ragged));
        assertTrue(e.getMessage().contains("row 3 of the image has 27 values"), e.getMessage());
    }
}
