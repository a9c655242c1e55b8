package cn.lianxin.sms.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianxin.sms.PhoneNumber;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Push bodies in the shape PROTOCOLS.md documents for Aliyun's SmsUp and SmsReport, with our own values. */
class AliyunPushesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "13912345678";

    private static final String SMS_UP_BATCH = """
            [
              {"phone_number": "13912345678", "content": "村口的路灯坏了三个月了", "send_time": "2026-11-27 08:15:02",
               "dest_code": "1234", "sequence_id": 1234567890123},
              {"phone_number": "+86 13800138000", "content": "1", "send_time": "2026-11-27 08:16:40",
               "dest_code": "", "sequence_id": "1234567890124", "sign_name": "连心桥"}
            ]""";

    private static final String SMS_REPORT_BATCH = """
            [
              {"phone_number": "13912345678", "send_time": "2026-11-27 09:00:00", "report_time": "2026-11-27 09:00:05",
               "success": true, "err_code": "DELIVERED", "err_msg": "用户接收成功", "sms_size": "1",
               "biz_id": "932702304080415357^0", "out_id": "msg-42"},
              {"phone_number": "13800138000", "send_time": "2026-11-27 09:01:00", "report_time": "2026-11-27 09:03:10",
               "success": "false", "err_code": "MK:0001", "err_msg": "", "sms_size": 2,
               "biz_id": "932702304080415358^0", "out_id": ""}
            ]""";

    @Test
    void shouldReadAnSmsUpBatchWithBothSequenceIdForms() {
        List<SmsUp> ups = AliyunPushes.smsUp(SMS_UP_BATCH);

        assertThat(ups).containsExactly(
                new SmsUp(PhoneNumber.of(PHONE), "村口的路灯坏了三个月了", OffsetDateTime.parse("2026-11-27T08:15:02+08:00"),
                        "1234", "1234567890123", Optional.empty()),
                new SmsUp(PhoneNumber.of("13800138000"), "1", OffsetDateTime.parse("2026-11-27T08:16:40+08:00"),
                        "", "1234567890124", Optional.of("连心桥")));
    }

    @Test
    void shouldReadAnSmsReportBatchWithBothSuccessAndSizeForms() {
        List<SmsReport> reports = AliyunPushes.smsReport(SMS_REPORT_BATCH);

        assertThat(reports).containsExactly(
                new SmsReport(PhoneNumber.of(PHONE), OffsetDateTime.parse("2026-11-27T09:00:00+08:00"),
                        OffsetDateTime.parse("2026-11-27T09:00:05+08:00"), true, "DELIVERED", "用户接收成功",
                        "932702304080415357^0", Optional.of("msg-42"), 1),
                new SmsReport(PhoneNumber.of("13800138000"), OffsetDateTime.parse("2026-11-27T09:01:00+08:00"),
                        OffsetDateTime.parse("2026-11-27T09:03:10+08:00"), false, "MK:0001", "",
                        "932702304080415358^0", Optional.empty(), 2));
    }

    @Test
    void shouldReadAnEmptyBatchAsNothing() {
        assertThat(AliyunPushes.smsUp("[]")).isEmpty();
        assertThat(AliyunPushes.smsReport(" [ ] ")).isEmpty();
    }

    @Test
    void shouldAcceptSuccessAsAStringInAnyCaseAndAbsentOptionalFields() {
        String body = """
                [{"phone_number": "13912345678", "send_time": "2026-11-27 09:00:00", "report_time": "2026-11-27 09:00:05",
                  "success": "TRUE", "err_code": "DELIVERED", "sms_size": "1", "biz_id": "b1", "out_id": null}]""";

        SmsReport report = AliyunPushes.smsReport(body).get(0);

        assertThat(report.success()).isTrue();
        assertThat(report.errMsg()).isEmpty();
        assertThat(report.outId()).isEmpty();
    }

    @Test
    void shouldMaskPhoneNumbersWhenAnUplinkIsPrinted() {
        String body = """
                [{"phone_number": "13912345678", "content": "请打13800138000找我", "send_time": "2026-11-27 08:15:02",
                  "dest_code": "", "sequence_id": 7}]""";

        assertThat(AliyunPushes.smsUp(body).get(0).toString())
                .contains("139****5678", "138****8000").doesNotContain(PHONE, "13800138000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                    | [{\"phone_number\": ",
            "an object, not an array     | {\"phone_number\": \"13912345678\"}",
            "a string, not an array      | \"13912345678\"",
            "trailing content            | [] []",
            "an item that is not object  | [\"13912345678\"]",
    })
    void shouldRefuseABodyThatIsNotABatchWithoutQuotingIt(String why, String body) {
        assertThatThrownBy(() -> AliyunPushes.smsUp(body))
                .isInstanceOf(MalformedPushException.class)
                .hasMessageStartingWith("SmsUp")
                .hasMessageNotContaining(PHONE);
    }

    @Test
    void shouldReadAControlCharacterLeftUnescapedInOneTextRatherThanRefuseTheBatch() {
        String body = """
                [{"phone_number": "13912345678", "content": "路灯\0坏了", "send_time": "2026-11-27 09:15:02",
                  "dest_code": "", "sequence_id": 8}]""";

        assertThat(AliyunPushes.smsUp(body)).singleElement().satisfies(up -> assertThat(up.content()).isEqualTo("路灯\0坏了"));
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        assertThatThrownBy(() -> AliyunPushes.smsReport("")).isInstanceOf(MalformedPushException.class)
                .hasMessage("SmsReport push: empty body");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "phone_number | missing",
            "phone_number | null",
            "phone_number | \"12345\"",
            "phone_number | {\"n\": 1}",
            "content      | missing",
            "content      | [\"a\"]",
            "send_time    | missing",
            "send_time    | \"2026-11-27T08:15:02\"",
            "send_time    | \"yesterday\"",
            "dest_code    | missing",
            "sequence_id  | missing",
            "sequence_id  | \"abc\"",
            "sequence_id  | -1",
            "sequence_id  | 1.5",
            "sequence_id  | true",
    })
    void shouldNameTheSmsUpFieldAtFault(String field, String value) {
        String body = "[" + upItem(7) + ", " + withField(upItem(8), field, value) + "]";

        assertThatThrownBy(() -> AliyunPushes.smsUp(body))
                .isInstanceOfSatisfying(MalformedPushException.class,
                        e -> assertThat(e.location()).hasValue("SmsUp[1]." + field))
                .hasMessageStartingWith("SmsUp[1]." + field + ": ")
                .hasMessageNotContaining(PHONE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "phone_number | missing",
            "phone_number | \"139 1234 567\"",
            "send_time    | missing",
            "report_time  | missing",
            "report_time  | 20261127",
            "success      | missing",
            "success      | \"yes\"",
            "success      | 1",
            "err_code     | missing",
            "err_code     | \"  \"",
            "err_msg      | {}",
            "biz_id       | missing",
            "biz_id       | null",
            "biz_id       | \"\"",
            "out_id       | []",
            "sms_size     | missing",
            "sms_size     | \"one\"",
            "sms_size     | \"99999999999\"",
    })
    void shouldNameTheSmsReportFieldAtFault(String field, String value) {
        String body = "[" + withField(reportItem(), field, value) + "]";

        assertThatThrownBy(() -> AliyunPushes.smsReport(body))
                .isInstanceOfSatisfying(MalformedPushException.class,
                        e -> assertThat(e.location()).hasValue("SmsReport[0]." + field))
                .hasMessageStartingWith("SmsReport[0]." + field + ": ")
                .hasMessageNotContaining(PHONE);
    }

    private static String upItem(long sequenceId) {
        return """
                {"phone_number": "13912345678", "content": "路灯", "send_time": "2026-11-27 08:15:02", \
                "dest_code": "1234", "sequence_id": %d}""".formatted(sequenceId);
    }

    private static String reportItem() {
        return """
                {"phone_number": "13912345678", "send_time": "2026-11-27 09:00:00", "report_time": "2026-11-27 09:00:05", \
                "success": true, "err_code": "DELIVERED", "err_msg": "用户接收成功", "sms_size": "1", \
                "biz_id": "932702304080415357^0", "out_id": "msg-42"}""";
    }

    /** The item with one field removed ("missing") or replaced by a raw JSON value. */
    private static String withField(String item, String field, String value) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(item);
            if (value.equals("missing")) {
                node.remove(field);
            } else {
                node.set(field, JSON.readTree(value));
            }
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
