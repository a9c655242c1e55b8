package cn.lianxin.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secrets the backend needs, made afresh for each test run: nothing secret-looking lives in the repository,
 * and the tests read the same values the application was given.
 */
public final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    // Kept in system properties: Quarkus loads test resources and tests through different class loaders, and
    // both must see the same values.
    public static final String OFFICE_PASSWORD = shared("office-password", token(18));
    public static final String STAFF_PASSWORD = shared("staff-password", token(18));
    public static final String SMS_PUSH_SECRET = shared("sms-push-secret", token(12));
    public static final String SMS_ACCESS_KEY_ID = shared("sms-access-key-id", "LTAI" + token(12));
    private static final String SMS_ACCESS_KEY_SECRET = shared("sms-access-key-secret", token(24));
    /** The approved signature the fake account sends under; every SMS body starts with 【it】. */
    public static final String SMS_SIGN_NAME = "连心桥测试";
    public static final String WECHAT_SECRET = shared("wechat-secret", token(16));
    private static final String TOKEN_KEY = shared("token-key", token(32));
    private static final String PHONE_HASH_KEY = shared("phone-hash-key", Base64.getEncoder().encodeToString(bytes(32)));
    private static final String PHONE_ENCRYPTION_KEY = shared("phone-encryption-key", Base64.getEncoder().encodeToString(bytes(32)));
    /** WeCom: the corp id, the app's secret, and the callback's Token and EncodingAESKey (43 characters). */
    public static final String WECOM_CORP_ID = shared("wecom-corp-id", "ww" + token(8).replaceAll("[^A-Za-z0-9]", "0"));
    public static final String WECOM_SECRET = shared("wecom-secret", token(30));
    public static final String WECOM_TOKEN = shared("wecom-token", token(12));
    public static final String WECOM_AES_KEY = shared("wecom-aes-key", Base64.getEncoder().withoutPadding().encodeToString(bytes(32)));

    /** The mini-program's message push: its Token and EncodingAESKey (43 characters); the tests push in safe mode. */
    public static final String WECHAT_PUSH_TOKEN = shared("wechat-push-token", token(12));
    public static final String WECHAT_PUSH_AES_KEY = shared("wechat-push-aes-key", Base64.getEncoder().withoutPadding().encodeToString(bytes(32)));

    private TestSecrets() {
    }

    /** The AES-256 key phone numbers are encrypted with in this run, for tests that decrypt what was stored. */
    public static byte[] phoneEncryptionKey() {
        return Base64.getDecoder().decode(PHONE_ENCRYPTION_KEY);
    }

    /** What the application is configured with for the run. */
    static Map<String, String> configuration() {
        return Map.ofEntries(
                Map.entry("lianxin.sms.aliyun.access-key-id", SMS_ACCESS_KEY_ID),
                Map.entry("lianxin.sms.aliyun.access-key-secret", SMS_ACCESS_KEY_SECRET),
                Map.entry("lianxin.sms.aliyun.sign-name", SMS_SIGN_NAME),
                Map.entry("lianxin.staff.bootstrap-password", OFFICE_PASSWORD),
                Map.entry("lianxin.staff.token-secret", TOKEN_KEY),
                Map.entry("lianxin.phone.hash-key", PHONE_HASH_KEY),
                Map.entry("lianxin.phone.encryption-key", PHONE_ENCRYPTION_KEY),
                Map.entry("lianxin.sms.aliyun.push-secret", SMS_PUSH_SECRET),
                Map.entry("lianxin.wechat.miniapp.secret", WECHAT_SECRET),
                Map.entry("lianxin.wecom.corp-id", WECOM_CORP_ID),
                Map.entry("lianxin.wecom.secret", WECOM_SECRET),
                Map.entry("lianxin.wecom.token", WECOM_TOKEN),
                Map.entry("lianxin.wecom.aes-key", WECOM_AES_KEY),
                Map.entry("lianxin.wechat.miniapp.push.token", WECHAT_PUSH_TOKEN),
                Map.entry("lianxin.wechat.miniapp.push.aes-key", WECHAT_PUSH_AES_KEY));
    }

    private static String shared(String name, String candidate) {
        return (String) System.getProperties().computeIfAbsent("lianxin.test.secret." + name, k -> candidate);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** base64url without padding, usable in paths and as a JWK "k". */
    private static String token(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n));
    }
}
