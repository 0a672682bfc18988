package org.scattering4j.chem.energy;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scattering4j.data.io.AtomicFiles;

/** A predicted-versus-reference scatter plot with the y = x line, written as a PNG (headless). */
public final class ParityPlot {
    private ParityPlot() {
    }

    /** Writes the plot atomically to {@code png}. */
    public static void write(Path png, double[] reference, double[] predicted, String title, String units)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(760).title(title)
                .xAxisTitle("reference (" + units + ")").yAxisTitle("predicted (" + units + ")").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : reference) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        chart.addSeries("molecules (" + reference.length + ")", reference, predicted);
        XYSeries line = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
    }
}
