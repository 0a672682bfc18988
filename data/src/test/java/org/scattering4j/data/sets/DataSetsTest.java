package org.scattering4j.data.sets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.data.io.FileFormatException;
import org.scattering4j.data.io.IdxReader;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.data.io.ImageWriter;
import org.scattering4j.data.io.WavWriter;
import org.scattering4j.testing.SharedData;

class DataSetsTest {
    @TempDir
    Path tmp;

    @Test
    void fsddSplitsTakesZeroToFourIntoTheTestSet() throws IOException {
        Fsdd f = Fsdd.open(SharedData.data("fsdd"));
        assertEquals(3000, f.all().size());
        assertEquals(2700, f.train().size());
        assertEquals(300, f.test().size());
        Fsdd.Item first = f.all().get(0);
        assertEquals("0_george_0.wav", first.fileName());
        assertEquals("george", first.speaker());
        assertTrue(first.isTest());
        int[] perDigit = new int[10];
        for (Fsdd.Item it : f.test()) {
            assertTrue(it.index() < 5, it.fileName());
            perDigit[it.label()]++;
        }
        assertArrayEquals(new int[] {30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, perDigit);
        assertEquals(8000, f.read(first).info().sampleRate());
        assertEquals(2384, f.read(first).samples().length);
    }

    @Test
    void fsddChecksumListCoversEveryLocalFileAndMatchesIt() throws IOException {
        List<RemoteFile> files = Fsdd.files();
        assertEquals(3000, files.size());
        Path dir = SharedData.data("fsdd");
        for (RemoteFile r : files) {
            assertTrue(Checksums.matches(dir.resolve(r.localPath()), r), r.path());
        }
    }

    @Test
    void fsddRefusesUnlabelledFilesAndMissingFolders() throws IOException {
        Path rec = Files.createDirectories(tmp.resolve("fsdd/recordings"));
        WavWriter.write(rec.resolve("3_theo_9.wav"), new double[10], 8000, WavWriter.Format.PCM_16);
        assertEquals(1, Fsdd.open(tmp.resolve("fsdd")).train().size());
        WavWriter.write(rec.resolve("hello.wav"), new double[10], 8000, WavWriter.Format.PCM_16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fsdd.open(tmp.resolve("fsdd")));
        assertTrue(e.getMessage().contains("hello.wav") && e.getMessage().contains("label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fsdd.open(tmp.resolve("nowhere")));
        // a recording at the wrong rate is refused, not resampled
        Path bad = Files.createDirectories(tmp.resolve("rate/recordings"));
        WavWriter.write(bad.resolve("1_jackson_0.wav"), new double[10], 16000, WavWriter.Format.PCM_16);
        Fsdd fr = Fsdd.open(tmp.resolve("rate"));
        assertThrows(IllegalArgumentException.class, () -> fr.read(fr.all().get(0)));
    }

    @Test
    void mnistOpensWithCountsAndChecksLabelCounts() throws IOException {
        Mnist m = Mnist.open(SharedData.data("mnist"));
        assertEquals(7, m.labels(Mnist.Split.TEST)[0]);
        try (IdxReader.Images it = m.images(Mnist.Split.TEST)) {
            assertEquals(10000, it.count());
        }
        Path d = Files.createDirectories(tmp.resolve("mnist"));
        for (RemoteFile r : Mnist.files()) {
            Files.copy(SharedData.data("mnist").resolve(r.path()), d.resolve(r.path()));
        }
        Files.copy(d.resolve("t10k-labels-idx1-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FileFormatException e = assertThrows(FileFormatException.class, () -> Mnist.open(d));
        assertTrue(e.getMessage().contains("train-labels") && e.getMessage().contains("60000"), e.getMessage());
        Files.delete(d.resolve("train-labels-idx1-ubyte.gz"));
        IllegalArgumentException m2 = assertThrows(IllegalArgumentException.class, () -> Mnist.open(d));
        assertTrue(m2.getMessage().contains("train-labels-idx1-ubyte"), m2.getMessage());
    }

    @Test
    void dataDirsPrefersTheOptionAndFindsSetFolders() throws IOException {
        Path root = SharedData.shared().resolve("data");
        assertEquals(root.resolve("fsdd"), DataDirs.resolve(root, "fsdd", Map.of()));
        assertEquals(root.resolve("fsdd"), DataDirs.resolve(root.resolve("fsdd"), "fsdd", Map.of()));
        assertEquals(root.resolve("mnist"), DataDirs.resolve(null, "mnist", Map.of(DataDirs.ENV, root.toString())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataDirs.resolve(null, "mnist", Map.of()));
        assertTrue(e.getMessage().contains("--data") && e.getMessage().contains(DataDirs.ENV), e.getMessage());
    }

    @Test
    void brodatzProtocolAHasEightTrainPatchesPerClassAndCheckerboardFixedSplit() throws IOException {
        Brodatz112 b = Brodatz112.open(SharedData.data("textures-brodatz112"));
        assertEquals(List.of("fixed", "rand0", "rand1", "rand2", "rand3", "rand4", "rand5", "rand6", "rand7",
                "rand8", "rand9"), b.splitNames());
        assertEquals(1792, b.patches().size());
        for (String s : b.splitNames()) {
            List<Brodatz112.Patch> tr = b.train(s);
            assertEquals(896, tr.size(), s);
            int[] per = new int[112];
            tr.forEach(p -> per[p.classIndex()]++);
            for (int c : per) {
                assertEquals(8, c, s);
            }
            assertEquals(896, b.test(s).size());
        }
        for (Brodatz112.Patch p : b.train("fixed")) {
            assertEquals(0, (p.x0() / 160 + p.y0() / 160) % 2, "checkerboard");
        }
        Brodatz112.Patch p = b.patches().stream().filter(q -> q.classIndex() == 106 && q.tile() == 7).findFirst()
                .orElseThrow();
        double[][] patch = b.read(p);
        double[][] plate = ImageReader.read(SharedData.data("textures-brodatz112").resolve("D107.png"));
        assertEquals(160, patch.length);
        for (int r = 0; r < 160; r++) {
            for (int c = 0; c < 160; c++) {
                assertEquals(plate[160 + r][320 + c], patch[r][c], 0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> b.train("rand10"));
    }

    @Test
    void brodatzPixelDigestsMatchTheSharedPlates() throws IOException {
        List<String> d = Brodatz112.pixelDigests();
        // D1 checked once with an independent zlib/PNG decoder in Python
        assertEquals("eaa58ff3339191f1f383cb8f35643141abdfe5a420f93ab7c0a925c03ff8d74e", d.get(0));
        Brodatz112 b = Brodatz112.open(SharedData.data("textures-brodatz112"));
        for (int k : new int[] {0, 13, 106, 111}) {
            assertEquals(d.get(k), Brodatz112.pixelDigest(b.plate(k)), "D" + (k + 1));
        }
        assertEquals(1792, Brodatz112.tiles().stream().mapToInt(List::size).sum());
        assertEquals("test_data/Brodatz/1-1.gif", Brodatz112.tiles().get(0).get(0).path());
    }

    @Test
    void brodatzRejectsBadSplitFiles() {
        List<String> bad = List.of("file,class_index,tile,x0,y0,size,fixed", "D1.png,0,1,0,0,160,maybe");
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> Brodatz112.parseSplits(tmp, bad, "s.csv"));
        assertTrue(e.getMessage().contains("s.csv") && e.getMessage().contains("line 2"), e.getMessage());
        List<String> out = List.of("file,class_index,tile,x0,y0,size,fixed", "D1.png,0,1,600,0,160,test");
        assertThrows(FileFormatException.class, () -> Brodatz112.parseSplits(tmp, out, "s.csv"));
    }

    @Test
    void foldersLabelBySortedClassNamesAndRefuseUnlabelledFiles() throws IOException {
        Path d = tmp.resolve("imgs");
        Map<String, double[][]> img = new HashMap<>();
        img.put("train/cat/a.png", new double[][] {{0, 1}});
        img.put("train/ant/b.png", new double[][] {{1, 0}});
        img.put("test/cat/c.png", new double[][] {{0.2, 0.4}});
        for (var e : img.entrySet()) {
            ImageWriter.writePng(d.resolve(e.getKey()), e.getValue(), ImageWriter.Scaling.UNIT);
        }
        Files.writeString(d.resolve("train/cat/notes.txt"), "ignored");
        ImageFolder f = ImageFolder.open(d);
        assertEquals(List.of("ant", "cat"), f.classes());
        assertEquals(2, f.train().size());
        assertEquals(1, f.test().get(0).label());
        assertEquals(1.0, f.read(f.train().get(0))[0][0], 0);
        assertThrows(IllegalArgumentException.class, () -> f.read(f.train().get(0), 3, 3));

        ImageWriter.writePng(d.resolve("test/dog/x.png"), new double[][] {{0}}, ImageWriter.Scaling.UNIT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.open(d));
        assertTrue(e.getMessage().contains("dog"), e.getMessage());
        Files.delete(d.resolve("test/dog/x.png"));
        Files.delete(d.resolve("test/dog"));
        ImageWriter.writePng(d.resolve("train/loose.png"), new double[][] {{0}}, ImageWriter.Scaling.UNIT);
        e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.open(d));
        assertTrue(e.getMessage().contains("loose.png") && e.getMessage().contains("label"), e.getMessage());

        Path s = tmp.resolve("snd");
        WavWriter.write(s.resolve("train/rain/r.wav"), new double[8], 16000, WavWriter.Format.PCM_16);
        WavWriter.write(s.resolve("test/rain/q.wav"), new double[8], 22050, WavWriter.Format.PCM_16);
        SoundFolder sf = SoundFolder.open(s);
        assertEquals(List.of("rain"), sf.classes());
        assertEquals(8, sf.read(sf.train().get(0), 16000).samples().length);
        assertThrows(IllegalArgumentException.class, () -> sf.read(sf.test().get(0), 16000));
        assertThrows(IllegalArgumentException.class, () -> SoundFolder.open(tmp.resolve("empty")));
    }
}
