import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator, JDK only: the bench scripts run it as
 * {@code java Bench.java MODE COUNT CONCURRENCY BASE_URL [MODE'S ARGUMENTS]}.
 *
 * <ul>
 *   <li>{@code live}: COUNT plain GETs of BASE_URL/q/health/live (the management port), the floor for an answer.</li>
 *   <li>{@code post PATH BODIES}: COUNT POSTs of JSON to BASE_URL + PATH, the bodies taken in turn from the file
 *       BODIES (one per line), as the caller whose token is in LIANXIN_BENCH_TOKEN (infra/bench/intake-bench.sh).</li>
 *   <li>{@code callback}: COUNT POSTs of encrypted text messages to /api/wecom/callback. A DUPLICATE_SHARE of them
 *       are WeCom's retries: a message of the run delivered again (same MsgId), mixed in among the others.</li>
 * </ul>
 * WeCom settings come from the environment the backend got (LIANXIN_WECOM_CORP_ID, _TOKEN, _AES_KEY). Prints one
 * line {@code key=value …} that the script reads; the time is each request's answer latency as the client sees it,
 * and any answer outside 2xx counts as failed.
 */
public class Bench {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        String base = args[3];
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        List<HttpRequest> requests = new ArrayList<>(count);
        int unique = count;
        if (mode.equals("live")) {
            for (int i = 0; i < count; i++) {
                requests.add(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).GET().build());
            }
        } else if (mode.equals("post")) {
            List<String> bodies = Files.readAllLines(Path.of(args[5]));
            String token = System.getenv("LIANXIN_BENCH_TOKEN");
            for (int i = 0; i < count; i++) {
                requests.add(HttpRequest.newBuilder(URI.create(base + args[4])).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build());
            }
        } else {
            double duplicateShare = Double.parseDouble(args[4]);
            long msgIdBase = Long.parseLong(args[5]);
            String[] senders = args[6].split(",");
            WeCom wecom = new WeCom(System.getenv("LIANXIN_WECOM_CORP_ID"), System.getenv("LIANXIN_WECOM_TOKEN"),
                    System.getenv("LIANXIN_WECOM_AES_KEY"));
            unique = count - (int) Math.round(count * duplicateShare);
            List<String> messages = new ArrayList<>(unique);
            for (int n = 0; n < unique; n++) {
                messages.add(text(wecom.corpId, senders[n % senders.length], "列表", msgIdBase + n));
            }
            // Built before the clock starts, so that encryption is not counted as the server's time. A retry is
            // the same message delivered again; which copy comes first does not matter (the first one is stored).
            for (int i = 0; i < count; i++) {
                requests.add(wecom.post(base + "/api/wecom/callback", messages.get(i < unique ? i : RANDOM.nextInt(unique))));
            }
            Collections.shuffle(requests, RANDOM);
        }

        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long t = System.nanoTime();
                    int status;
                    try {
                        status = http.send(requests.get(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies[i] = System.nanoTime() - t;
                    if (status / 100 != 2) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        Arrays.sort(latencies);
        System.out.printf("count=%d unique=%d seconds=%.2f throughput=%.0f p50=%.1f p95=%.1f p99=%.1f max=%.1f non2xx=%d%n",
                count, unique, seconds, count / seconds, ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99),
                latencies[count - 1] / 1e6, failed.get());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String text(String corpId, String from, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName>"
                + "<CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
    }

    /** WeCom's callback scheme as the project's PROTOCOLS.md states it (not WxJava's code: the backend is checked against the scheme). */
    record WeCom(String corpId, String token, byte[] key) {

        WeCom(String corpId, String token, String encodingAesKey) {
            this(corpId, token, Base64.getDecoder().decode(encodingAesKey + "="));
        }

        HttpRequest post(String url, String xml) {
            String encrypt = encrypt(xml);
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String nonce = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
            String body = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                    + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
            String query = "?msg_signature=" + sign(timestamp, nonce, encrypt) + "&timestamp=" + timestamp + "&nonce=" + nonce;
            return HttpRequest.newBuilder(URI.create(url + query)).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        /** AES-256-CBC, IV = the key's first 16 bytes, of random(16) + length(4) + message + corpId, PKCS#7 to 32. */
        String encrypt(String message) {
            byte[] msg = message.getBytes(StandardCharsets.UTF_8);
            byte[] corp = corpId.getBytes(StandardCharsets.UTF_8);
            int length = 16 + 4 + msg.length + corp.length;
            int pad = 32 - length % 32;
            ByteBuffer plain = ByteBuffer.allocate(length + pad);
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            plain.put(random).putInt(msg.length).put(msg).put(corp);
            while (plain.hasRemaining()) {
                plain.put((byte) pad);
            }
            try {
                Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
                return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Lowercase hex SHA-1 of token, timestamp, nonce and ciphertext, sorted and joined. */
        String sign(String timestamp, String nonce, String encrypt) {
            String[] parts = {token, timestamp, nonce, encrypt};
            Arrays.sort(parts);
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
