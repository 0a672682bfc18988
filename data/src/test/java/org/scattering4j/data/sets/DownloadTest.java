package org.scattering4j.data.sets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.testing.SharedData;

/** Downloads from a server on the loopback interface only (never the internet). */
class DownloadTest {
    static {
        // without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @TempDir
    Path tmp;

    private HttpServer server;
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private URI base;
    private final Downloader quiet = new Downloader(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Duration.ofSeconds(30), false, 4);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.setExecutor(pool);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void serveMnist(String prefix) throws IOException {
        for (RemoteFile r : Mnist.files()) {
            files.put("/mirror/" + prefix + r.path(), Files.readAllBytes(SharedData.data("mnist").resolve(r.path())));
        }
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void mnistDownloadVerifiesWritesAndThenUsesTheCache() throws IOException {
        serveMnist("");
        Path dir = tmp.resolve("mnist");
        assertEquals(4, Mnist.download(base, dir, quiet));
        assertEquals(4, requests.get());
        assertEquals(7, Mnist.open(dir).labels(Mnist.Split.TEST)[0]);
        assertEquals(0, Mnist.download(base, dir, quiet), "all cached");
        assertEquals(4, requests.get(), "no request for cached files");
        assertEquals(4, listAll(dir).size(), "no temporary files");
    }

    @Test
    void checksumMismatchLeavesNoFileAndNamesBothDigests() throws IOException {
        serveMnist("");
        // same length, one label changed, re-compressed: a valid gzip with the wrong content
        byte[] raw;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
                SharedData.data("mnist").resolve("t10k-labels-idx1-ubyte.gz")))) {
            raw = in.readAllBytes();
        }
        raw[8] = 3;
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        files.put("/mirror/t10k-labels-idx1-ubyte.gz", bos.toByteArray());
        Path dir = tmp.resolve("m");
        RemoteFile spec = Mnist.files().get(3);
        IOException e = assertThrows(IOException.class, () -> quiet.fetch(base, spec, dir));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(spec.digest())
                && e.getMessage().contains("t10k-labels"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(spec.localPath())));
        assertEquals(List.of(), listAll(dir), "no partial or temporary file");

        // garbage that is not even gzip
        files.put("/mirror/t10k-labels-idx1-ubyte.gz", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertThrows(IOException.class, () -> quiet.fetch(base, spec, dir));
        assertEquals(List.of(), listAll(dir));

        // a corrupt local copy is replaced by a verified download
        files.put("/mirror/t10k-labels-idx1-ubyte.gz",
                Files.readAllBytes(SharedData.data("mnist").resolve("t10k-labels-idx1-ubyte.gz")));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(spec.localPath()), "junk");
        assertTrue(quiet.fetch(base, spec, dir));
        assertTrue(Checksums.matches(dir.resolve(spec.localPath()), spec));
    }

    @Test
    void cc0TexturesDownloadAndMatchTheirRegistryChecksums() throws IOException {
        for (RemoteFile r : TexturesCc0.files()) {
            assertTrue(Checksums.matches(SharedData.data("textures-cc0").resolve(r.path()), r), r.path());
            files.put("/mirror/" + r.path(), Files.readAllBytes(SharedData.data("textures-cc0").resolve(r.path())));
        }
        Path dir = tmp.resolve("cc0");
        assertEquals(3, TexturesCc0.download(base, dir, quiet));
        assertEquals(512, TexturesCc0.open(dir).read("gravel").length);
        assertThrows(IllegalArgumentException.class, () -> TexturesCc0.open(dir).read("marble"));
        Files.delete(dir.resolve("grass.png"));
        assertThrows(IllegalArgumentException.class, () -> TexturesCc0.open(dir));
    }

    @Test
    void httpErrorsAreReportedWithTheAddress() {
        RemoteFile f = RemoteFile.of("missing.bin", "SHA-256", "00");
        IOException e = assertThrows(IOException.class, () -> quiet.fetch(base, f, tmp));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("/mirror/missing.bin"),
                e.getMessage());
        assertEquals(List.of(), assertDoesNotThrowList(tmp));
    }

    private static List<Path> assertDoesNotThrowList(Path p) {
        try {
            return listAll(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fsddFilesDownloadUnderTheirPathsAndOpenAsTheSet() throws IOException {
        // every 30th recording (100 requests keep the test short; Fsdd.download passes the whole list
        // to the same fetchAll, and the list itself is checked against the local files in DataSetsTest)
        Path src = SharedData.data("fsdd");
        List<RemoteFile> some = new ArrayList<>();
        List<RemoteFile> all = Fsdd.files();
        for (int i = 0; i < all.size(); i += 30) {
            RemoteFile r = all.get(i);
            some.add(r);
            files.put("/mirror/" + r.path(), Files.readAllBytes(src.resolve(r.path())));
        }
        Path dir = tmp.resolve("fsdd");
        assertEquals(100, quiet.fetchAll(base, some, dir, "fsdd"));
        Fsdd f = Fsdd.open(dir);
        assertEquals(100, f.all().size());
        assertEquals(2384, f.read(f.all().get(0)).samples().length);
        int before = requests.get();
        Files.delete(dir.resolve(some.get(7).localPath()));
        assertEquals(1, quiet.fetchAll(base, some, dir, "fsdd"));
        assertEquals(before + 1, requests.get());
        // a full download stops at the first file the server lacks, keeping what it verified
        IOException e = assertThrows(IOException.class, () -> Fsdd.download(base, dir, quiet));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(Fsdd.open(dir).all().size() >= 100);
    }

    @Test
    void brodatzDownloadAssemblesVerifiedTilesIntoAPlateAndSkipsIntactPlates() throws Exception {
        double[][] plate = ImageReader.read(SharedData.data("textures-brodatz112").resolve("D1.png"));
        List<RemoteFile> tiles = new ArrayList<>();
        for (int j = 1; j <= 16; j++) {
            BufferedImage t = new BufferedImage(160, 160, BufferedImage.TYPE_BYTE_GRAY);
            int r0 = (j - 1) / 4 * 160;
            int c0 = (j - 1) % 4 * 160;
            for (int r = 0; r < 160; r++) {
                for (int c = 0; c < 160; c++) {
                    t.getRaster().setSample(c, r, 0, (int) Math.round(plate[r0 + r][c0 + c] * 255));
                }
            }
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(t, "png", bos));
            byte[] bytes = bos.toByteArray();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            String blob = HexFormat.of().formatHex(sha1.digest(bytes));
            String path = "test_data/Brodatz/1-" + j + ".gif";
            files.put("/mirror/" + path, bytes);
            tiles.add(new RemoteFile(path, "tiles/1-" + j + ".gif", "GIT-BLOB-SHA1", blob, false));
        }
        List<List<RemoteFile>> table = List.of(tiles);
        List<String> digests = List.of(Brodatz112.pixelDigests().get(0));
        Path dir = tmp.resolve("brodatz");
        assertEquals(1, Brodatz112.download(base, dir, quiet, false, table, digests, new int[] {1}));
        assertEquals(digests.get(0), Brodatz112.pixelDigest(ImageReader.read(dir.resolve("D1.png"))));
        assertEquals(List.of(dir.resolve("D1.png")), listAll(dir), "tiles removed after assembly");
        int before = requests.get();
        assertEquals(0, Brodatz112.download(base, dir, quiet, false, table, digests, new int[] {1}));
        assertEquals(before, requests.get(), "intact plate: nothing fetched");

        // a tile served with other bytes fails its git blob id: no plate is written
        Files.delete(dir.resolve("D1.png"));
        byte[] other = files.get("/mirror/test_data/Brodatz/1-5.gif").clone();
        other[other.length - 20] ^= 1;
        files.put("/mirror/test_data/Brodatz/1-5.gif", other);
        IOException e = assertThrows(IOException.class,
                () -> Brodatz112.download(base, dir, quiet, false, table, digests, new int[] {1}));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals(List.of(), listAll(dir));
        // tiles that verify but assemble into other pixels fail the plate digest
        assertThrows(IOException.class, () -> Brodatz112.download(base, dir, quiet, false,
                List.of(tiles), List.of("0".repeat(64)), new int[] {1}));
    }
}
