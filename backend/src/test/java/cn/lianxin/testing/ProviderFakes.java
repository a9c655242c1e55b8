package cn.lianxin.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Map;

/**
 * The providers we cannot reach in tests, as WireMock fakes built from their documentation (PROTOCOLS.md), one
 * server per provider on a free port: Aliyun SMS, the WeChat mini-program API and the WeCom API. The backend is
 * configured against them for the whole suite and talks to them through the official client libraries; tests
 * get this object injected (a field of type {@code ProviderFakes}) to add stubs and read what was sent.
 *
 * <p>Each provider answers as documented from the start ({@link AliyunFake}, {@link WechatFake}, {@link WeComFake}),
 * because any test's messages may reach any provider; tests that want a failure stub it for their own recipient
 * only, because other tests' messages may still be on their way through the dispatcher.
 */
public final class ProviderFakes {

    public final WireMockServer aliyun = server();
    public final WireMockServer wechat = server();
    public final WireMockServer wecom = server();

    void start() {
        aliyun.start();
        wechat.start();
        wecom.start();
        AliyunFake.install(aliyun);
        WechatFake.install(wechat);
        WeComFake.install(wecom);
    }

    void stop() {
        aliyun.stop();
        wechat.stop();
        wecom.stop();
    }

    /** Where the backend finds each provider (configuration keys from the issues' interface contracts). */
    Map<String, String> configuration() {
        return Map.of(
                "lianxin.sms.aliyun.endpoint", "127.0.0.1:" + aliyun.port(),
                "lianxin.sms.aliyun.protocol", "http",
                "lianxin.wechat.miniapp.api-host-url", wechat.baseUrl(),
                "lianxin.wecom.api-base-url", wecom.baseUrl());
    }

    private static WireMockServer server() {
        return new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    }
}
