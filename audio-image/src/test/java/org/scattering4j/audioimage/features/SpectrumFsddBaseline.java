package org.scattering4j.audioimage.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.scattering4j.data.Progress;
import org.scattering4j.data.sets.Fsdd;
import org.scattering4j.testing.SharedData;

/**
 * Measures the log-band spectrum baseline on FSDD (official split) with the nearest-class-mean
 * classifier on standardised features (a program, not a test). Run from the repository root:
 * {@code java -cp "audio-image/target/test-classes:audio-image/target/classes:$(cat audio-image/target/bench-classpath.txt)"
 * org.scattering4j.audioimage.features.SpectrumFsddBaseline 32 60}.
 */
public final class SpectrumFsddBaseline {
    private SpectrumFsddBaseline() {
    }

    public static void main(String[] args) throws IOException {
        int bands = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        double fMin = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        Path dir = args.length > 2 ? Path.of(args[2]) : SharedData.data(Fsdd.FOLDER);
        Fsdd fsdd = Fsdd.open(dir);
        SpectrumFeatures fx = new SpectrumFeatures(Fsdd.SAMPLE_RATE, new LengthRule(8192, LengthRule.Crop.START, 1),
                bands, fMin, 1e-10);
        List<Fsdd.Item> train = fsdd.train();
        List<Fsdd.Item> test = fsdd.test();
        double[][] xtr = Featurizer.extract(train, it -> fsdd.read(it).samples(), fx, Fsdd.Item::fileName,
                Progress.start("train", train.size()));
        double[][] xte = Featurizer.extract(test, it -> fsdd.read(it).samples(), fx, Fsdd.Item::fileName,
                Progress.start("test", test.size()));
        double acc = NearestMean.accuracy(xtr, train.stream().mapToInt(Fsdd.Item::label).toArray(), xte,
                test.stream().mapToInt(Fsdd.Item::label).toArray(), 10);
        System.out.printf(Locale.ROOT, "fsdd spectrum %d bands from %.0f Hz, nearest class mean: %.2f %%%n", bands,
                fMin, 100 * acc);
    }
}
