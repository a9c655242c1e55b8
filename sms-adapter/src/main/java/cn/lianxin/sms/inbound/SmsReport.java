package cn.lianxin.sms.inbound;

import cn.lianxin.sms.PhoneNumber;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery receipt of one message we sent (an item of the SmsReport push).
 *
 * @param phone      the number it went to ({@code phone_number})
 * @param sendTime   when Aliyun sent it, Beijing time ({@code send_time})
 * @param reportTime when the operator reported on it, Beijing time ({@code report_time})
 * @param success    whether it reached the handset ({@code success})
 * @param errCode    the operator's status, {@code DELIVERED} on success ({@code err_code})
 * @param errMsg     its wording, empty when none was given ({@code err_msg})
 * @param bizId      Aliyun's id of the send request ({@code biz_id}), as SendSms returned it
 * @param outId      our own message id, when the send carried one ({@code out_id})
 * @param smsSize    how many segments were billed ({@code sms_size})
 */
public record SmsReport(PhoneNumber phone, OffsetDateTime sendTime, OffsetDateTime reportTime, boolean success,
        String errCode, String errMsg, String bizId, Optional<String> outId, int smsSize) {

    public SmsReport {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(sendTime, "sendTime");
        Objects.requireNonNull(reportTime, "reportTime");
        Objects.requireNonNull(errCode, "errCode");
        Objects.requireNonNull(errMsg, "errMsg");
        Objects.requireNonNull(bizId, "bizId");
        Objects.requireNonNull(outId, "outId");
    }

    static SmsReport read(PushItem item) {
        return new SmsReport(item.phone("phone_number"), item.time("send_time"), item.time("report_time"),
                item.flag("success"), item.identifier("err_code"), item.optionalText("err_msg").orElse(""),
                item.identifier("biz_id"), item.optionalText("out_id"), item.count("sms_size"));
    }
}
