package cn.lianxin.channels.wecom;

import cn.lianxin.channels.tencent.RedisWxOps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Callable;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.common.redis.WxRedisOps;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.bean.oa.meeting.WxCpMeeting;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.bean.WxCpOauth2UserInfo;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import me.chanjar.weixin.cp.bean.message.WxCpMessageSendResult;
import me.chanjar.weixin.cp.config.impl.AbstractWxCpInRedisConfigImpl;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one door to qyapi.weixin.qq.com: WxJava's blocking service, called only on a small pool of our own (never
 * on the event loop), its access token kept in Redis for every instance. Each call comes back on the caller's
 * Vert.x context, so that the reactive database session can be used afterwards.
 */
@ApplicationScoped
public class WeComClient {

    /** Where WxJava keeps the token; the key carries corp and agent id (see AbstractWxCpInRedisConfigImpl). */
    static final String KEY_PREFIX = "lianxin:wecom";

    private final WeComSettings settings;
    private final WorkerExecutor pool;
    private final WxCpService service;

    public WeComClient(WeComSettings settings, RedisWxOps redis, Vertx vertx,
            @ConfigProperty(name = "lianxin.wecom.pool-size") int poolSize) {
        this.settings = settings;
        this.pool = vertx.createSharedWorkerExecutor("wecom", poolSize);
        this.service = settings.canSend() ? service(settings, redis, KEY_PREFIX) : null;
    }

    /** A WxJava service for this corp whose token lives in Redis under {@code keyPrefix}. */
    static WxCpService service(WeComSettings settings, WxRedisOps redis, String keyPrefix) {
        AbstractWxCpInRedisConfigImpl config = new AbstractWxCpInRedisConfigImpl(redis, keyPrefix) {
        };
        config.setBaseApiUrl(settings.apiBaseUrl());
        config.setCorpId(settings.corpId());
        config.setCorpSecret(settings.secret());
        // After the corp id: WxJava derives the Redis keys from both.
        config.setAgentId(settings.agentId());
        WxCpServiceImpl service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }

    boolean configured() {
        return service != null;
    }

    Uni<WxCpMessageSendResult> send(WxCpMessage message) {
        message.setAgentId(settings.agentId());
        return call(() -> service.getMessageService().send(message));
    }

    /** Replaces the tapped card's buttons with one grey button reading {@code outcome} (update_template_card). */
    Uni<Void> updateCard(String userId, String responseCode, String outcome) {
        return call(() -> {
            service.getTaskCardService().updateTemplateCardButton(List.of(userId), null, null, 0, responseCode, outcome);
            return null;
        });
    }

    /** meeting/create: the new meeting's id. */
    Uni<String> createMeeting(WxCpMeeting meeting) {
        meeting.setAgentId(settings.agentId());
        return call(() -> service.getMeetingService().create(meeting));
    }

    /** meeting/get_info: the meeting with its code, link and attendees' attendance. */
    Uni<WxCpMeeting> meeting(String meetingId) {
        return call(() -> service.getMeetingService().getDetail(meetingId));
    }

    /** OAuth (snsapi_base): the code's user, via auth/getuserinfo; a non-member has no user id. */
    Uni<WxCpOauth2UserInfo> userOfCode(String code) {
        return call(() -> service.getOauth2Service().getAuthUserInfo(code));
    }

    /** Where WeCom asks the member to sign in (snsapi_base) and sends them back to {@code redirect} with a code. */
    String authorizationUrl(String redirect, String state) {
        if (service == null) {
            throw new IllegalStateException("WeCom is not configured (corp id, agent id, secret)");
        }
        return service.getOauth2Service().buildAuthorizationUrl(redirect, state);
    }

    private <T> Uni<T> call(Callable<T> blocking) {
        if (service == null) {
            return Uni.createFrom().failure(new IllegalStateException("WeCom is not configured (corp id, agent id, secret)"));
        }
        return pool.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return blocking.call();
            } catch (WxErrorException e) {
                throw new WeComError(e.getError().getErrorCode(), e.getError().getErrorMsg());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), false);
    }

    /** WeCom answered with an errcode; the message is WeCom's own (no personal data). */
    static final class WeComError extends RuntimeException {
        final int code;

        WeComError(int code, String message) {
            super("WeCom error " + code + ": " + message);
            this.code = code;
        }
    }

    @PreDestroy
    void close() {
        pool.closeAndForget();
    }
}
