package cn.lianxin.channels.wecom;

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
        String key = message.getMsgId() != null ? "msg:" + message.getMsgId()
                : "event:" + message.getFromUserName() + ":" + message.getCreateTime();
        return pool.preparedQuery("""
                        INSERT INTO wecom_inbound (dedupe_key, from_user, msg_type, event, payload, sandbox)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING""")
                .execute(Tuple.tuple(Arrays.asList(key, message.getFromUserName(), message.getMsgType(), message.getEvent(), plainXml, sandbox)))
                .map(rows -> rows.rowCount() == 1);
    }
}
