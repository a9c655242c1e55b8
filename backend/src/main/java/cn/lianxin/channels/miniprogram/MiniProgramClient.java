package cn.lianxin.channels.miniprogram;

import cn.lianxin.channels.tencent.RedisWxOps;
import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.security.WxMaMediaSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import cn.binarywang.wx.miniapp.constant.WxMaApiUrlConstants;
import com.google.gson.JsonElement;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.sandbox.SandboxGuard;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.error.WxRuntimeException;
import me.chanjar.weixin.common.redis.WxRedisOps;
import me.chanjar.weixin.common.util.json.GsonParser;
import org.jboss.logging.Logger;

/**
 * The one client of the WeChat mini-program API (WxJava). Every call is blocking and runs on a bounded worker pool
 * of its own, coming back on the caller's context. In the sandbox no call leaves the machine: codes map to sandbox
 * identities and every text passes (docs in the package README). Never logs or returns a session_key.
 */
@ApplicationScoped
@Startup // a missing AppSecret stops the start, not the first resident's sign-in
public class MiniProgramClient {

    /** Who signed in; the session_key WeChat also returns is dropped here, as nothing we do needs it. */
    public record Session(String openid, String unionid) {
    }

    public enum Suggest { PASS, REVIEW, RISKY }

    /** Content security's verdict; {@code label} is WeChat's category code (e.g. 20001 politics, 100 normal). */
    public record Verdict(Suggest suggest, String label) {
    }

    /**
     * errcode 0 is sent, with WeChat's msgid (the key of the subscribe_msg_sent_event that tells the real outcome);
     * anything else is WeChat's refusal (43101 no consent left, 47003 bad field …).
     */
    public record SendResult(int errcode, String errmsg, String msgid) {
        public boolean sent() {
            return errcode == 0;
        }
    }

    static final String KEY_PREFIX = "lianxin:wechat";
    private static final Logger LOG = Logger.getLogger(MiniProgramClient.class);
    /** 论坛 (forum): a concern is a post others may come to read. */
    private static final int SCENE_FORUM = 3;
    /** media_check_async's media_type for an image (1 is audio). */
    private static final int IMAGE = 2;
    private static final String PHONE_API = "getuserphonenumber";
    private static final Pattern SANDBOX_PHONE = Pattern.compile("1[3-9]\\d{9}");
    /** Every sandbox openid starts so; WeChat's never do (they are 28 characters from its own alphabet, "o…"). */
    static final String SANDBOX_PREFIX = "sandbox-";
    /** A login code naming its sandbox resident; anything else is DevTools' (or a phone's) real code. */
    private static final Pattern SANDBOX_NAMED = Pattern.compile(SANDBOX_PREFIX + "[A-Za-z0-9_-]{1,40}");

    private final MiniProgramSettings settings;
    private final WorkerExecutor worker;
    private final WxMaService service;
    private final boolean sandboxSignIn;

    public MiniProgramClient(MiniProgramSettings settings, Vertx vertx, RedisWxOps redis, SandboxGuard sandbox) {
        this.settings = settings;
        this.worker = vertx.createSharedWorkerExecutor("wechat-miniapp", settings.workerThreads());
        this.sandboxSignIn = sandbox.simulationsAllowed();
        if (settings.sandbox()) {
            if (!isSandboxIdentity(settings.sandboxOpenid())) {
                throw new IllegalStateException("lianxin.wechat.miniapp.sandbox-openid must start with '" + SANDBOX_PREFIX
                        + "': that is how a sandbox resident is told from a WeChat user");
            }
            this.service = null;
        } else {
            String secret = settings.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "lianxin.wechat.miniapp.secret (LIANXIN_WECHAT_SECRET) is required unless lianxin.wechat.miniapp.sandbox is true"));
            this.service = service(settings.appId(), secret, settings.apiHostUrl(), redis);
        }
    }

    /** A WxJava service whose access token and refresh lock live in Redis, shared with every other instance. */
    static WxMaService service(String appId, String secret, String apiHostUrl, WxRedisOps redis) {
        WxMaRedisBetterConfigImpl config = new WxMaRedisBetterConfigImpl(redis, KEY_PREFIX);
        config.setAppid(appId);
        config.setSecret(secret);
        config.setApiHostUrl(apiHostUrl);
        WxMaServiceImpl service = new WxMaServiceImpl();
        service.setWxMaConfig(config);
        // WxJava retries "system busy" (-1) itself; keep that short so a worker thread is not held for long.
        service.setMaxRetryTimes(2);
        service.setRetrySleepMillis(200);
        return service;
    }

    @PreDestroy
    void close() {
        worker.close().subscribe().with(ignored -> { }, e -> LOG.debug("worker pool already closed", e));
    }

    /** code2Session; a bad or used code is 401 with a message the mini-program can show. */
    public Uni<Session> session(String code) {
        if (settings.sandbox()) {
            return sandboxOnly().map(ignored -> new Session(sandboxOpenid(code), null));
        }
        return call(() -> {
            WxMaJscode2SessionResult result = service.getUserService().getSessionInfo(code);
            return new Session(result.getOpenid(), result.getUnionid());
        }, "code2Session");
    }

    /** The resident's number from a getPhoneNumber code (digits only, mainland). */
    public Uni<String> phoneNumber(String code) {
        if (settings.sandbox()) {
            Matcher phone = SANDBOX_PHONE.matcher(code);
            return sandboxOnly().map(ignored -> phone.find() ? phone.group() : settings.sandboxPhone());
        }
        return call(() -> service.getUserService().getPhoneNumber(code).getPurePhoneNumber(), PHONE_API);
    }

    /** A resident who signed in through the sandbox, whose name and phone number nobody vouched for. */
    public static boolean isSandboxIdentity(String openid) {
        return openid != null && openid.startsWith(SANDBOX_PREFIX);
    }

    /** Sandbox sign-in takes anyone for whoever they name: outside the local and test profiles it does not exist. */
    private Uni<Void> sandboxOnly() {
        return sandboxSignIn ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ApiException(Problem.of(403, "Forbidden",
                "沙箱登录仅用于本地和测试环境 (sandbox sign-in exists only in the local and test profiles).")));
    }

    /** {@code sandbox-<name>} signs in as that name (tests and demos play several residents); any other code as one. */
    private String sandboxOpenid(String code) {
        return SANDBOX_NAMED.matcher(code).matches() ? code : settings.sandboxOpenid();
    }

    /** msgSecCheck v2 for a resident's text. */
    public Uni<Verdict> checkText(String openid, String text) {
        if (settings.sandbox()) {
            return Uni.createFrom().item(new Verdict(Suggest.PASS, "100"));
        }
        return call(() -> {
            WxMaMsgSecCheckCheckResponse response = service.getSecurityService().checkMessage(WxMaMsgSecCheckCheckRequest.builder()
                    .version("2").openid(openid).scene(SCENE_FORUM).content(text).build());
            var result = response.getResult();
            Suggest suggest = result == null || result.getSuggest() == null ? Suggest.REVIEW
                    : Suggest.valueOf(result.getSuggest().toUpperCase());
            return new Verdict(suggest, result == null ? null : result.getLabel());
        }, "msg_sec_check");
    }

    /**
     * media_check_async v2 for a resident's photo at {@code url} (media_type 2, image); @return WeChat's trace_id, which
     * its wxa_media_check push names again. In the sandbox nothing is checked: null.
     */
    public Uni<String> checkMedia(String openid, String url) {
        if (settings.sandbox()) {
            return Uni.createFrom().nullItem();
        }
        return call(() -> service.getSecurityService().mediaCheckAsync(WxMaMediaSecCheckCheckRequest.builder()
                .mediaUrl(url).mediaType(IMAGE).version(2).openid(openid).scene(SCENE_FORUM).build()).getTraceId(), "media_check_async");
    }

    /** subscribeMessage.send; WeChat's refusals come back as the result, other failures as a failed Uni. */
    public Uni<SendResult> send(WxMaSubscribeMessage message) {
        return worker.executeBlocking(() -> {
            try {
                // WxJava's sendSubscribeMsg drops the answer, and with it the msgid: the same call, keeping the answer.
                JsonElement msgid = GsonParser.parse(service.post(WxMaApiUrlConstants.Subscribe.SUBSCRIBE_MSG_SEND_URL, message.toJson()))
                        .get("msgid");
                return new SendResult(0, "ok", msgid == null || msgid.isJsonNull() ? null : msgid.getAsString());
            } catch (WxErrorException e) {
                // WxJava swaps WeChat's errmsg (which names the faulty field) for its own catalogue text; keep WeChat's.
                String errmsg = e.getError().getErrorMsgEn() != null ? e.getError().getErrorMsgEn() : e.getError().getErrorMsg();
                return new SendResult(e.getError().getErrorCode(), errmsg, null);
            }
        }, false);
    }

    private <T> Uni<T> call(WxCall<T> call, String api) {
        return worker.executeBlocking((Callable<T>) () -> {
            try {
                return call.run();
            } catch (WxErrorException e) {
                throw refusal(e.getError().getErrorCode(), api);
            } catch (WxRuntimeException e) {
                // No answer at all (a timeout, a refused connection): WeChat's trouble, not ours, and nothing was done.
                LOG.warnf("WeChat %s gave no answer: %s", api, e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
                throw unavailable();
            }
        }, false);
    }

    private static ApiException unavailable() {
        return new ApiException(Problem.of(502, "Bad gateway", "微信服务暂时不可用，请稍后再试 (WeChat is unavailable; try again later)."));
    }

    /** WeChat's error codes as our API answers them; the errmsg may echo input, so only the code is logged. */
    private static ApiException refusal(int errcode, String api) {
        if (errcode == 40029 && PHONE_API.equals(api)) {
            return ApiException.invalidField("code", "手机号授权码无效或已过期，请重新授权 (the phone code is invalid or expired)");
        }
        return switch (errcode) {
            case 40029, 40163 -> new ApiException(Problem.of(401, "Unauthorized",
                    "微信登录凭证无效、已使用或已过期，请重新进入小程序 (the WeChat code is invalid, used or expired; sign in again)."));
            case 45011 -> new ApiException(Problem.of(429, "Too many requests", "操作太频繁，请稍后再试 (too many attempts; try again shortly)."));
            case 40226 -> new ApiException(Problem.of(403, "Forbidden", "该微信账号已被限制使用 (this WeChat account is blocked)."));
            default -> {
                LOG.warnf("WeChat %s answered errcode %d", api, errcode);
                yield unavailable();
            }
        };
    }

    @FunctionalInterface
    private interface WxCall<T> {
        T run() throws WxErrorException;
    }
}
