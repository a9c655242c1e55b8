package cn.lianxin.channels.wecom;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WeCom app (企业微信自建应用) we are: corp id, agent id, its secret, the callback's token and EncodingAESKey,
 * and the API host. Secrets come from the environment only; without them the callback refuses everything and
 * the dispatcher fails messages permanently, so a town that is not on WeCom yet keeps the channel sandboxed.
 */
@ApplicationScoped
public class WeComSettings {

    private final Optional<String> corpId;
    private final Optional<Integer> agentId;
    private final Optional<String> secret;
    private final Optional<String> token;
    private final Optional<String> aesKey;
    private final String apiBaseUrl;
    private final List<String> townOfficeUserIds;
    private final Optional<String> workbenchUrl;

    public WeComSettings(@ConfigProperty(name = "lianxin.wecom.corp-id") Optional<String> corpId,
            @ConfigProperty(name = "lianxin.wecom.agent-id") Optional<Integer> agentId,
            @ConfigProperty(name = "lianxin.wecom.secret") Optional<String> secret,
            @ConfigProperty(name = "lianxin.wecom.token") Optional<String> token,
            @ConfigProperty(name = "lianxin.wecom.aes-key") Optional<String> aesKey,
            @ConfigProperty(name = "lianxin.wecom.api-base-url") String apiBaseUrl,
            @ConfigProperty(name = "lianxin.wecom.town-office-user-ids") Optional<List<String>> townOfficeUserIds,
            @ConfigProperty(name = "lianxin.wecom.workbench-url") Optional<String> workbenchUrl) {
        this.corpId = corpId.filter(s -> !s.isBlank());
        this.agentId = agentId;
        this.secret = secret.filter(s -> !s.isBlank());
        this.token = token.filter(s -> !s.isBlank());
        this.aesKey = aesKey.filter(s -> !s.isBlank());
        this.apiBaseUrl = apiBaseUrl;
        this.townOfficeUserIds = townOfficeUserIds.orElse(List.of());
        this.workbenchUrl = workbenchUrl.filter(s -> !s.isBlank());
    }

    /** Callbacks can be checked: token, key and corp id are all set. */
    boolean canVerifyCallbacks() {
        return corpId.isPresent() && token.isPresent() && aesKey.isPresent();
    }

    /** Messages can be sent: corp id, agent id and secret are all set. */
    boolean canSend() {
        return corpId.isPresent() && agentId.isPresent() && secret.isPresent();
    }

    String corpId() {
        return corpId.orElseThrow();
    }

    Integer agentId() {
        return agentId.orElseThrow();
    }

    String secret() {
        return secret.orElseThrow();
    }

    String token() {
        return token.orElseThrow();
    }

    String aesKey() {
        return aesKey.orElseThrow();
    }

    String apiBaseUrl() {
        return apiBaseUrl;
    }

    /** Who reads the town office's WeCom messages (督办): user ids of the office's staff in the corp. */
    List<String> townOfficeUserIds() {
        return townOfficeUserIds;
    }

    /** The H5 workbench's address, linked from cards; a case is opened at {@code <url>#/cases/<id>}. */
    Optional<String> workbenchUrl() {
        return workbenchUrl;
    }
}
