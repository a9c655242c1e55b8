package cn.lianxin.sms.inbound;

import cn.lianxin.sms.Masking;
import cn.lianxin.sms.PhoneNumber;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One message a resident texted to our number (an item of the SmsUp push).
 *
 * @param phone      who sent it ({@code phone_number})
 * @param content    the text as typed, possibly empty
 * @param sendTime   when the resident sent it, Beijing time ({@code send_time})
 * @param destCode   the extension the resident texted ({@code dest_code}); empty without one
 * @param sequenceId Aliyun's id of this uplink, as digits ({@code sequence_id}); repeats of a push share it
 * @param signName   the signature the reply went out under, sent by older accounts only ({@code sign_name})
 */
public record SmsUp(PhoneNumber phone, String content, OffsetDateTime sendTime, String destCode, String sequenceId,
        Optional<String> signName) {

    public SmsUp {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sendTime, "sendTime");
        Objects.requireNonNull(destCode, "destCode");
        Objects.requireNonNull(sequenceId, "sequenceId");
        Objects.requireNonNull(signName, "signName");
    }

    static SmsUp read(PushItem item) {
        return new SmsUp(item.phone("phone_number"), item.text("content"), item.time("send_time"),
                item.text("dest_code").strip(), item.digits("sequence_id"), item.optionalText("sign_name"));
    }

    /** Residents write other people's numbers into their messages too: those are masked here as well. */
    @Override
    public String toString() {
        return "SmsUp[phone=" + phone + ", content=" + Masking.maskPhones(content) + ", sendTime=" + sendTime
                + ", destCode=" + destCode + ", sequenceId=" + sequenceId + ", signName=" + signName + "]";
    }
}
