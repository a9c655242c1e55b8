package cn.lianxin.channels.miniprogram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code lianxin.wechat.miniapp.*}: the mini-program's WeChat account, its sessions and its limits. */
@ConfigMapping(prefix = "lianxin.wechat.miniapp")
public interface MiniProgramSettings {

    /** Local mode without a WeChat account: codes map to sandbox identities, messages go to the sandbox outbox. */
    boolean sandbox();

    String appId();

    /**
     * Sandbox only: the openid of every sign-in whose code is not {@code sandbox-<name>}; starts with {@code sandbox-}. WeChat DevTools hands out a
     * new wx.login code at each sign-in, so mapping codes to openids would make every visit a new resident.
     */
    @WithDefault("sandbox-devtools")
    String sandboxOpenid();

    /**
     * Sandbox only: the number bound by a phone code that carries none (DevTools' phone dialog cannot make one).
     * No demo resident has the default: a sandbox sign-in never merges into a resident known by phone.
     */
    @WithDefault("13800000000")
    String sandboxPhone();

    /** From the environment only; required unless in the sandbox. */
    Optional<String> secret();

    @WithDefault("https://api.weixin.qq.com")
    String apiHostUrl();

    /** How long a resident's bearer token is valid; the refresh token gets a new one. */
    @WithDefault("2H")
    Duration tokenLifetime();

    @WithDefault("30D")
    Duration refreshLifetime();

    SubscribeTemplates templates();

    /** The page a subscribe message opens, given the case id as {@code ?id=}. */
    @WithDefault("pages/case-detail/index")
    String casePage();

    /** The page a booking's subscribe message opens: the resident's bookings (我的预约). */
    @WithDefault("pages/bookings/index")
    String bookingsPage();

    /** The page a policy's subscribe message opens, given the broadcast id as {@code ?id=}. */
    @WithDefault("pages/policy/index")
    String policyPage();

    /** formal, trial or developer: which version of the mini-program a subscribe message opens. */
    @WithDefault("formal")
    String miniprogramState();

    /** Cases one resident may submit per window; more is answered 429 with Retry-After. */
    @WithDefault("10")
    int submitLimit();

    @WithDefault("1H")
    Duration submitWindow();

    /** Threads for the blocking WxJava calls; more callers wait for a free one rather than pile up. */
    @WithDefault("8")
    int workerThreads();

    /**
     * The backend's https address as WeChat reaches it, without a trailing slash: residents' photos are offered to
     * media_check_async from there. Unset, photos are not checked.
     */
    Optional<String> publicUrl();

    /** The message push (消息推送): the callback URL WeChat calls with events; see the package README. */
    Push push();

    interface Push {
        /** The Token set in the mini-program console (开发管理 → 消息推送); without it every push is refused. */
        Optional<String> token();

        /** The EncodingAESKey (43 characters): set, the push must come in safe mode (安全模式, AES); unset, in plain mode. */
        Optional<String> aesKey();

        /** The data format chosen in the console; a push in the other format is refused. */
        @WithDefault("JSON")
        Format format();

        /** How often {@link PushProcessor} and {@link MediaChecks} look for work, and how much each takes in one round. */
        Duration interval();

        int batchSize();

        enum Format { JSON, XML }
    }

    interface SubscribeTemplates {
        /** The template the representative's reply is announced with. */
        String reply();

        /** The template that asks the resident to rate the reply. */
        String feedbackPrompt();

        /** The template a booked video call's reminders, cancellation and move are sent with. */
        String booking();

        /** The template a policy explanation (政策解读) is announced with. */
        String policy();
    }
}
