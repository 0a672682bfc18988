package org.scattering4j.audioimage.synthesis;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.scattering.fft.Fft;

/**
 * Figures comparing an original texture with its synthesis and Gaussian baseline: side-by-side
 * panels (log spectrograms for sounds, images for images, all on the original's scale), power spectra
 * and pixel histograms (XChart). All PNGs are written atomically.
 *
 * <pre>{@code
 * SynthesisFigures.spectrogramPanels(out, new String[] {"original", "synthesis", "Gaussian"}, signals);
 * }</pre>
 */
public final class SynthesisFigures {
    private SynthesisFigures() {
    }

    private static final int LABEL = 18;

    /**
     * Log-power spectrograms (Hann window 1024, hop 1024, 4 frequency bins averaged per pixel row,
     * 80 dB range below the first signal's peak): coarse on purpose, so the PNGs stay small.
     */
    public static void spectrogramPanels(Path file, String[] labels, double[][] signals, int sampleRate)
            throws IOException {
        int win = 1024;
        int hop = 1024;
        int pool = 4;
        double[][][] specs = new double[signals.length][][];
        double peak = -Double.MAX_VALUE;
        for (int s = 0; s < signals.length; s++) {
            specs[s] = stft(signals[s], win, hop);
            if (s == 0) {
                for (double[] col : specs[s]) {
                    for (int r = 0; r + pool <= col.length; r += pool) {
                        double p = 0;
                        for (int b = 0; b < pool; b++) {
                            p += Math.pow(10, col[r + b] / 10) / pool;
                        }
                        peak = Math.max(peak, 10 * Math.log10(p + 1e-20));
                    }
                }
            }
        }
        int rows = win / 2 / pool;   // 0 .. Nyquist
        int cols = 0;
        for (double[][] sp : specs) {
            cols = Math.max(cols, sp.length);
        }
        int gap = 8;
        BufferedImage img = new BufferedImage(signals.length * (cols + gap), rows + LABEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int s = 0; s < signals.length; s++) {
            int x0 = s * (cols + gap);
            for (int t = 0; t < specs[s].length; t++) {
                double[] col = specs[s][t];
                for (int r = 0; r < rows; r++) {
                    double p = 0;
                    for (int b = 0; b < pool; b++) {
                        p += Math.pow(10, col[pool * r + b] / 10) / pool;
                    }
                    double v = 10 * Math.log10(p + 1e-20);
                    double u = Math.min(1, Math.max(0, (v - peak + 80) / 80));
                    // 20 colour levels (4 dB each): enough to read, and the PNG stays small
                    img.setRGB(x0 + t, LABEL + rows - 1 - r, heat(Math.floor(u * 19.999) / 19));
                }
            }
            label(g, labels[s], x0);
        }
        g.dispose();
        write(file, img);
    }

    /** Images side by side, gray levels from the first image's min (black) to max (white). */
    public static void imagePanels(Path file, String[] labels, double[][] images, int rows, int cols)
            throws IOException {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : images[0]) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int gap = 8;
        // 8-bit gray keeps the PNG at a third of the RGB size
        BufferedImage img = new BufferedImage(images.length * (cols + gap), rows + LABEL, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int s = 0; s < images.length; s++) {
            int x0 = s * (cols + gap);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double u = hi > lo ? (images[s][r * cols + c] - lo) / (hi - lo) : 0;
                    int k = (int) Math.round(255 * Math.min(1, Math.max(0, u)));
                    // through the raster: setRGB on a gray image would apply a gamma conversion
                    img.getRaster().setSample(x0 + c, LABEL + r, 0, k);
                }
            }
            label(g, labels[s], x0);
        }
        g.dispose();
        write(file, img);
    }

    /** Log-log plot of spectra {@code y[s][k]} against {@code x[k]} (bins with x &le; 0 or y &le; 0 dropped). */
    public static void spectraPlot(Path file, String title, String xLabel, String[] labels, double[] x, double[][] y)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(xLabel)
                .yAxisTitle("power").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (int s = 0; s < y.length; s++) {
            int n = 0;
            for (int k = 0; k < x.length; k++) {
                if (x[k] > 0 && y[s][k] > 0) {
                    n++;
                }
            }
            double[] xs = new double[n];
            double[] ys = new double[n];
            n = 0;
            for (int k = 0; k < x.length; k++) {
                if (x[k] > 0 && y[s][k] > 0) {
                    xs[n] = x[k];
                    ys[n++] = y[s][k];
                }
            }
            chart.addSeries(labels[s], xs, ys).setMarker(SeriesMarkers.NONE);
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Histograms (densities, 60 bins over the first sample's range, log y) of pixel values. */
    public static void histogramPlot(Path file, String title, String[] labels, double[][] samples) throws IOException {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : samples[0]) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int bins = 60;
        double w = (hi - lo) / bins;
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("pixel value")
                .yAxisTitle("density").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (int s = 0; s < samples.length; s++) {
            double[] h = new double[bins];
            for (double v : samples[s]) {
                int b = (int) Math.floor((v - lo) / w);
                if (b >= 0 && b <= bins) {
                    h[Math.min(b, bins - 1)] += 1.0 / (samples[s].length * w);
                }
            }
            int n = 0;
            for (double v : h) {
                if (v > 0) {
                    n++;
                }
            }
            double[] xs = new double[n];
            double[] ys = new double[n];
            n = 0;
            for (int b = 0; b < bins; b++) {
                if (h[b] > 0) {
                    xs[n] = lo + (b + 0.5) * w;
                    ys[n++] = h[b];
                }
            }
            chart.addSeries(labels[s], xs, ys).setMarker(SeriesMarkers.NONE);
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Sample skewness E[(x - mean)^3] / std^3. */
    public static double skewness(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double m2 = 0;
        double m3 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    /** Frames of 10 log10 |STFT|^2 (Hann window), each of length win/2. */
    static double[][] stft(double[] x, int win, int hop) {
        int frames = x.length < win ? 0 : 1 + (x.length - win) / hop;
        double[][] out = new double[frames][win / 2];
        double[] z = new double[2 * win];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < win; i++) {
                double h = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / win);
                z[2 * i] = x[f * hop + i] * h;
                z[2 * i + 1] = 0;
            }
            Fft.forward(z, win);
            for (int k = 0; k < win / 2; k++) {
                double p = z[2 * k] * z[2 * k] + z[2 * k + 1] * z[2 * k + 1];
                out[f][k] = 10 * Math.log10(p + 1e-20);
            }
        }
        return out;
    }

    /** A simple dark-blue to yellow colour map. */
    private static int heat(double u) {
        int r = (int) Math.round(255 * Math.min(1, Math.max(0, 1.6 * u - 0.3)));
        int g = (int) Math.round(255 * Math.min(1, Math.max(0, 1.4 * u - 0.15)) * 0.95);
        int b = (int) Math.round(255 * Math.min(1, Math.max(0, 0.5 + u - 2.2 * u * u + 1.2 * u * u * u)));
        return (r << 16) | (g << 8) | b;
    }

    private static void label(Graphics2D g, String text, int x0) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(text, x0 + 2, LABEL - 5);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
