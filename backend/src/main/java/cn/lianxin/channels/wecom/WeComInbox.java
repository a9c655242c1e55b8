package cn.lianxin.channels.wecom;

import cn.lianxin.api.Sha256;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;

/**
 * Stores a checked callback message once: a repeated delivery (WeCom retries when we are slow) meets the unique
 * key and adds nothing. Processing reads the rows later, so answering WeCom never waits for it.
 */
@ApplicationScoped
public class WeComInbox {

    private final Pool pool;

    public WeComInbox(Pool pool) {
        this.pool = pool;
    }

    /** @return whether this delivery was new */
    Uni<Boolean> store(String plainXml, boolean sandbox) {
        WxCpXmlMessage message = WeComMessages.parse(plainXml);
        String key = dedupeKey(message, plainXml);
        return pool.preparedQuery("""
                        INSERT INTO wecom_inbound (dedupe_key, from_user, msg_type, event, payload, sandbox)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING""")
                .execute(Tuple.tuple(Arrays.asList(key, message.getFromUserName(), message.getMsgType(), message.getEvent(), plainXml, sandbox)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * A message carries its MsgId. An event carries none, and sender plus CreateTime (whole seconds) merged two
     * different card taps of one member in one second into one; so an event is known by all it says, the digest of
     * the whole decrypted XML: WeCom's retries repeat it byte for byte, two taps differ in task, key or response code.
     */
    static String dedupeKey(WxCpXmlMessage message, String plainXml) {
        if (message.getMsgId() != null) {
            return "msg:" + message.getMsgId();
        }
        return "event:" + message.getFromUserName() + ":" + message.getCreateTime() + ":" + Sha256.hex(plainXml);
    }
}
