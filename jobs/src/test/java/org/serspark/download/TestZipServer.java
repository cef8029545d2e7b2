package org.serspark.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local HTTP server (127.0.0.1, ephemeral port) serving one archive with optional byte-range support, and knobs
 * to misbehave: drop the connection after N bytes on the first request, go silent mid-body, answer an error status.
 */
public final class TestZipServer implements AutoCloseable {
    public static final String ETAG = "\"test-v1\"";

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] body;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> rangeHeaders = new ArrayList<>();
    private final List<String> ifRangeHeaders = new ArrayList<>();
    private volatile boolean rangeSupport = true;
    private volatile int dropFirstAfter = -1;
    private volatile int stallAfter = -1;
    private volatile long stallMillis;
    private volatile int errorStatus;

    public TestZipServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-zip-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri(String fileName) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/records/1/files/" + fileName
                + "?download=1");
    }

    public TestZipServer withoutRangeSupport() {
        rangeSupport = false;
        return this;
    }

    public TestZipServer dropFirstRequestAfter(int bytes) {
        dropFirstAfter = bytes;
        return this;
    }

    public TestZipServer stallAfter(int bytes, long millis) {
        stallAfter = bytes;
        stallMillis = millis;
        return this;
    }

    public TestZipServer failWith(int status) {
        errorStatus = status;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    /** The Range header of each request in order ("" when there was none). */
    public synchronized List<String> rangeHeaders() {
        return List.copyOf(rangeHeaders);
    }

    public synchronized List<String> ifRangeHeaders() {
        return List.copyOf(ifRangeHeaders);
    }

    private void handle(HttpExchange ex) throws IOException {
        int n = requests.incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        String ifRange = ex.getRequestHeaders().getFirst("If-Range");
        synchronized (this) {
            rangeHeaders.add(range == null ? "" : range);
            ifRangeHeaders.add(ifRange == null ? "" : ifRange);
        }
        if (errorStatus > 0) {
            ex.sendResponseHeaders(errorStatus, -1);
            ex.close();
            return;
        }
        int start = 0;
        int status = 200;
        boolean honourRange = rangeSupport && range != null && range.startsWith("bytes=")
                && (ifRange == null || ifRange.equals(ETAG));
        if (honourRange) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (start >= body.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                ex.sendResponseHeaders(416, -1);
                ex.close();
                return;
            }
            status = 206;
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                    + body.length);
        }
        if (rangeSupport) {
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        }
        ex.getResponseHeaders().add("ETag", ETAG);
        int length = body.length - start;
        ex.sendResponseHeaders(status, length);
        OutputStream os = ex.getResponseBody();
        int drop = n == 1 ? dropFirstAfter : -1;
        if (drop >= 0 && drop < length) {
            os.write(body, start, drop);
            os.flush();
            // a handler that throws makes HttpServer close the connection: the client sees it drop mid-body
            throw new IOException("test server drops the connection after " + drop + " bytes");
        }
        if (n == 1 && stallAfter >= 0) {
            os.write(body, start, stallAfter);
            os.flush();
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test server gives up after stalling");
        }
        os.write(body, start, length);
        os.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A port nothing listens on: bound, noted and released. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Entry name -> content of a small RAVDESS-shaped corpus (random bytes, so the zip does not shrink them). */
    public static Map<String, byte[]> corpus() {
        Random random = new Random(1188976);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int actor = 1; actor <= 3; actor++) {
            for (int emotion = 1; emotion <= 3; emotion++) {
                byte[] data = new byte[3000 + random.nextInt(2000)];
                random.nextBytes(data);
                files.put(String.format("Actor_%02d/03-01-%02d-01-01-01-%02d.wav", actor, emotion, actor), data);
            }
        }
        return files;
    }

    /** A zip of {@code files}: DEFLATED entries, or STORED ones (whose bytes appear verbatim in the archive). */
    public static byte[] zip(Map<String, byte[]> files, boolean stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(f.getValue());
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(f.getValue().length);
                    e.setCompressedSize(f.getValue().length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
