package cn.lianxin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;

/**
 * Aliyun SMS (dysmsapi 2017-05-25) as PROTOCOLS.md documents it, on the suite's Aliyun fake. The SDK calls
 * {@code POST /?<parameters>} with the action in the {@code x-acs-action} header. By default SendSms answers
 * {@code Code OK} with a BizId, and QuerySendDetails lists nothing. A test stubs a failure for its own number only
 * ({@link #answerSendSms}), above the defaults, since other tests' messages may still be on their way.
 */
public final class AliyunFake {

    private static final UUID SEND_SMS = UUID.fromString("00000000-0000-0000-0000-00000000a101");
    private static final UUID QUERY = UUID.fromString("00000000-0000-0000-0000-00000000a102");
    private static final int DEFAULT = 10;
    private static final int FOR_ONE_NUMBER = 1;

    private AliyunFake() {
    }

    /** The documented default answers, once per fake (fixed stub ids). */
    public static synchronized void install(WireMockServer aliyun) {
        if (aliyun.getStubMappings().stream().anyMatch(m -> SEND_SMS.equals(m.getId()))) {
            return;
        }
        aliyun.stubFor(action("SendSms").withId(SEND_SMS).atPriority(DEFAULT).willReturn(okJson("""
                {"Code":"OK","Message":"OK","BizId":"{{randomValue length=15 type='NUMERIC'}}^0","RequestId":"{{randomValue type='UUID'}}"}""")
                .withTransformers("response-template")));
        aliyun.stubFor(action("QuerySendDetails").withId(QUERY).atPriority(DEFAULT).willReturn(querySendDetails("")));
    }

    /** SendSms to this number answers so (a business error, a delay …) until the stub is removed or replaced. */
    public static StubMapping answerSendSms(WireMockServer aliyun, String phone, ResponseDefinitionBuilder answer) {
        return aliyun.stubFor(action("SendSms").atPriority(FOR_ONE_NUMBER).withQueryParam("PhoneNumbers", equalTo(phone)).willReturn(answer));
    }

    /** QuerySendDetails for this number lists one message: {@code sendStatus} 1 waiting, 2 failed, 3 delivered. */
    public static void listSent(WireMockServer aliyun, String phone, String outId, int sendStatus, String errCode) {
        aliyun.stubFor(action("QuerySendDetails").atPriority(FOR_ONE_NUMBER).withQueryParam("PhoneNumber", equalTo(phone))
                .willReturn(querySendDetails("""
                        {"PhoneNum":"%s","SendStatus":%d,"ErrCode":"%s","TemplateCode":"SMS_LIANXIN_CASE_REGISTERED",
                         "Content":"【连心桥测试】…","SendDate":"2026-11-27 09:15:02","ReceiveDate":"2026-11-27 09:15:05","OutId":"%s"}"""
                        .formatted(phone, sendStatus, errCode, outId))));
    }

    /** A business error as Aliyun returns it: HTTP 200 with another Code. */
    public static ResponseDefinitionBuilder businessError(String code, String message) {
        return okJson("{\"Code\":\"%s\",\"Message\":\"%s\",\"RequestId\":\"%s\"}".formatted(code, message, UUID.randomUUID()));
    }

    public static ResponseDefinitionBuilder ok(String bizId) {
        return okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"%s\",\"RequestId\":\"%s\"}".formatted(bizId, UUID.randomUUID()));
    }

    public static ResponseDefinitionBuilder slow(int millis) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(millis)
                .withBody("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"late^0\",\"RequestId\":\"r\"}");
    }

    /** The SmsReport push Aliyun makes when the operator reports our message (OutId) delivered, as PROTOCOLS.md shows it. */
    public static String deliveredReceipt(String phone, String outId) {
        return """
                [{"phone_number":"%s","send_time":"2026-11-27 09:15:03","report_time":"2026-11-27 09:15:08","success":true,
                  "err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"900412%s^0","out_id":"%s"}]"""
                .formatted(phone, outId.substring(0, 8), outId);
    }

    /** The SmsReport push for a message the operator could not deliver (the phone stayed off, say). */
    public static String failedReceipt(String phone, String outId) {
        return """
                [{"phone_number":"%s","send_time":"2026-11-27 09:15:03","report_time":"2026-11-27 09:17:08","success":false,
                  "err_code":"MK:0013","err_msg":"用户关机","sms_size":"1","biz_id":"900412%s^0","out_id":"%s"}]"""
                .formatted(phone, outId.substring(0, 8), outId);
    }

    /** Every SendSms the fake received for this number, oldest first. */
    public static List<LoggedRequest> sendSmsTo(WireMockServer aliyun, String phone) {
        return aliyun.findAll(anyRequestedFor(anyUrl()).withHeader("x-acs-action", equalTo("SendSms"))
                .withQueryParam("PhoneNumbers", equalTo(phone)));
    }

    /** Every SendSms whose PhoneNumbers (one number, or a broadcast's comma-separated batch) holds this number. */
    public static List<LoggedRequest> sendSmsIncluding(WireMockServer aliyun, String phone) {
        return aliyun.findAll(anyRequestedFor(anyUrl()).withHeader("x-acs-action", equalTo("SendSms"))
                .withQueryParam("PhoneNumbers", matching("(.*,)?" + phone + "(,.*)?")));
    }

    public static List<LoggedRequest> queriesFor(WireMockServer aliyun, String phone) {
        return aliyun.findAll(anyRequestedFor(anyUrl()).withHeader("x-acs-action", equalTo("QuerySendDetails"))
                .withQueryParam("PhoneNumber", equalTo(phone)));
    }

    private static MappingBuilder action(String action) {
        return any(anyUrl()).withHeader("x-acs-action", equalTo(action));
    }

    private static ResponseDefinitionBuilder querySendDetails(String details) {
        return okJson("""
                {"Code":"OK","Message":"OK","RequestId":"%s","TotalCount":%d,"SmsSendDetailDTOs":{"SmsSendDetailDTO":[%s]}}"""
                .formatted(UUID.randomUUID(), details.isEmpty() ? 0 : 1, details));
    }
}
