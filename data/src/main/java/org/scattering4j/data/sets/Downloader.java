package org.scattering4j.data.sets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.scattering4j.data.Progress;
import org.scattering4j.data.io.AtomicFiles;

/**
 * Fetches data-set files over HTTP(S), verifies each against its checksum, and caches it: a file
 * already present with the right checksum is not fetched again. A fetched file goes to a temporary
 * file beside its target and is moved into place only after its checksum has matched, so a failed or
 * tampered download never leaves a file (partial or wrong) at the target path.
 *
 * <pre>{@code
 * Downloader d = Downloader.standard();
 * int fetched = d.fetchAll(URI.create("https://example.org/set/"), files, Path.of("data/set"), "set");
 * }</pre>
 *
 * <p>Immutable and thread-safe ({@link HttpClient} is).
 */
public final class Downloader {
    private final HttpClient client;
    private final Duration timeout;
    private final boolean showProgress;
    private final int parallelism;

    /**
     * A downloader with the given client, per-request timeout, progress bar choice, and number of
     * concurrent requests in {@link #fetchAll} (1 to 16).
     */
    public Downloader(HttpClient client, Duration timeout, boolean showProgress, int parallelism) {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("parallelism = " + parallelism + ", allowed 1..16");
        }
        this.client = client;
        this.timeout = timeout;
        this.showProgress = showProgress;
        this.parallelism = parallelism;
    }

    /** Follows redirects, 30 s to connect, 10 min per file, 4 concurrent requests, progress bar on stderr. */
    public static Downloader standard() {
        return new Downloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build(), Duration.ofMinutes(10), true, 4);
    }

    /**
     * Makes sure {@code dir/f.localPath()} holds the verified file, fetching {@code base + f.path()} if
     * needed.
     *
     * @return true if the file was fetched, false if a verified copy was already there
     * @throws IOException on an HTTP error or a checksum mismatch (the message gives the address and both
     *     digests; nothing is written then)
     */
    public boolean fetch(URI base, RemoteFile f, Path dir) throws IOException {
        Path target = dir.resolve(f.localPath());
        if (Checksums.matches(target, f)) {
            return false;
        }
        URI uri = resolve(base, f.path());
        Path tmp = AtomicFiles.newTemp(target);
        boolean ok = false;
        try {
            get(uri, tmp);
            String got;
            try {
                got = Checksums.digest(tmp, f);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new IOException("download of " + uri + " is not a valid gzip file (" + e.getMessage()
                        + "); nothing written to " + target, e);
            }
            if (!got.equals(f.digest())) {
                throw new IOException("checksum mismatch for " + uri + ": expected " + f.algorithm() + " "
                        + f.digest() + ", got " + got + "; nothing written to " + target);
            }
            AtomicFiles.commit(tmp, target);
            ok = true;
            return true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Fetches every file of a list (see {@link #fetch}) with up to {@link #parallelism()} requests at a
     * time (many small files, such as FSDD's 3000, are dominated by round trips). On the first failure
     * no new request is started, the error is rethrown, and the files verified so far are kept (they
     * are skipped next time).
     *
     * @return the number of files fetched (the others were cached)
     */
    public int fetchAll(URI base, List<RemoteFile> files, Path dir, String label) throws IOException {
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<IOException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (Progress p = showProgress ? Progress.start("download " + label, files.size()) : Progress.silent()) {
            Runnable worker = () -> {
                for (int i; failure.get() == null && (i = next.getAndIncrement()) < files.size(); ) {
                    try {
                        if (fetch(base, files.get(i), dir)) {
                            fetched.incrementAndGet();
                        }
                        p.step();
                    } catch (IOException e) {
                        failure.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new IOException("fetching " + files.get(i).path() + ": " + e, e));
                    }
                }
            };
            int t = Math.min(parallelism, files.size());
            Thread[] threads = new Thread[Math.max(0, t - 1)];
            for (int k = 0; k < threads.length; k++) {
                threads[k] = new Thread(worker, "scattering4j-download-" + k);
                threads[k].setDaemon(true);
                threads[k].start();
            }
            worker.run();
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while downloading " + label, e);
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return fetched.get();
    }

    /** Number of concurrent requests of {@link #fetchAll}. */
    public int parallelism() {
        return parallelism;
    }

    /** Fetches {@code uri} into {@code target} as is (no checksum; for callers that verify themselves). */
    public void get(URI uri, Path target) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("GET " + uri + ": HTTP " + resp.statusCode());
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                in.transferTo(out);
            }
        }
    }

    /** {@code base} (with a trailing slash added if missing) resolved against a relative path. */
    static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b : b + "/").resolve(path);
    }
}
