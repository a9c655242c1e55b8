package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.lianxin.api.Sha256;
import cn.lianxin.channels.miniprogram.MiniProgramSettings.Push.Format;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Stores a checked push once: WeChat retries a push it got no answer to within 5 seconds (three tries), and every
 * retry meets the unique key and adds nothing. {@link PushProcessor} reads the rows later, so answering WeChat never
 * waits for what the push means.
 */
@ApplicationScoped
public class PushInbox {

    private final Pool pool;

    public PushInbox(Pool pool) {
        this.pool = pool;
    }

    /** @return whether this push was new */
    Uni<Boolean> store(Format format, String plain) {
        WxMaMessage message = PushMessages.parse(format, plain);
        return pool.preparedQuery("""
                        INSERT INTO mp_inbound (dedupe_key, format, event, payload) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .execute(Tuple.tuple(Arrays.asList(dedupeKey(message, plain), format.name(), message.getEvent(), plain)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * An event carries no id of its own, and two events of one resident may share a second (a popup answered and the
     * message it allowed sent at once); so a push is known by all it says: sender, time, and the digest of the whole
     * plaintext. A retry repeats it exactly (in safe mode only the ciphertext's random prefix changes).
     */
    static String dedupeKey(WxMaMessage message, String plain) {
        return "push:" + message.getFromUser() + ":" + message.getCreateTime() + ":" + Sha256.hex(plain);
    }
}
