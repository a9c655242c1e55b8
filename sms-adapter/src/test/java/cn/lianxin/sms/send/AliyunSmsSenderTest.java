package cn.lianxin.sms.send;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianxin.sms.PhoneNumber;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real SDK against a WireMock fake of the Aliyun endpoint: what it sends, and how each answer is read. */
class AliyunSmsSenderTest {

    private static final PhoneNumber RESIDENT = PhoneNumber.of("13800138000");
    // Generous for ordinary answers: the fake's first request (Jetty and SDK class loading) can take a second.
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    // For the timeout test only, against a delay well beyond it.
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);

    private static WireMockServer aliyun;
    private static AliyunSmsSender sender;

    @BeforeAll
    static void start() {
        aliyun = new WireMockServer(wireMockConfig().dynamicPort());
        aliyun.start();
        sender = senderTo("localhost:" + aliyun.port(), READ_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        aliyun.stop();
    }

    @BeforeEach
    void reset() {
        aliyun.resetAll();
    }

    @Test
    void sends_the_request_aliyun_documents_and_reads_ok_as_sent() {
        answer(okJson(body("OK", "OK")));

        SendResult result = send();

        assertThat(result).isEqualTo(new SendResult.Sent("biz-1"));
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getUrl()).startsWith("/?");
        assertThat(request.getHeader("x-acs-action")).isEqualTo("SendSms");
        assertThat(request.getHeader("x-acs-version")).isEqualTo("2017-05-25");
        assertThat(request.getHeader("Authorization")).startsWith("ACS3-HMAC-SHA256 Credential=test-key-id,");
        assertThat(request.queryParameter("PhoneNumbers").firstValue()).isEqualTo("13800138000");
        assertThat(request.queryParameter("SignName").firstValue()).isEqualTo("连心桥");
        assertThat(request.queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_LIANXIN_CASE_REPLY");
        assertThat(request.queryParameter("TemplateParam").firstValue())
                .isEqualTo("{\"number\":\"SG-20261127-0001\",\"reply\":\"路灯本周修好\"}");
        assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("msg-42");
        assertThat(request.getBodyAsString()).isEmpty();
    }

    @Test
    void a_broadcast_goes_to_many_numbers_in_one_call_and_refuses_more_than_a_thousand() {
        answer(okJson(body("OK", "OK")));
        List<PhoneNumber> to = List.of(RESIDENT, PhoneNumber.of("13900139000"), PhoneNumber.of("13700137000"));

        SendResult result = sender.send(to, SmsTemplate.BROADCAST, Map.of("town", "史官镇", "title", "医保缴费"), "bc-7");

        assertThat(result).isEqualTo(new SendResult.Sent("biz-1"));
        LoggedRequest request = onlyRequest();
        assertThat(request.queryParameter("PhoneNumbers").firstValue()).isEqualTo("13800138000,13900139000,13700137000");
        assertThat(request.queryParameter("OutId").firstValue()).isEqualTo("bc-7");
        assertThat(request.queryParameter("TemplateCode").firstValue()).isEqualTo("SMS_LIANXIN_BROADCAST");
        List<PhoneNumber> tooMany = java.util.Collections.nCopies(1001, RESIDENT);
        assertThatThrownBy(() -> sender.send(tooMany, SmsTemplate.BROADCAST, Map.of("town", "史官镇", "title", "医保缴费"), "bc-8"))
                .hasMessageContaining("1 to 1000 numbers, not 1001");
        assertThat(aliyun.getAllServeEvents()).hasSize(1);
    }

    @Test
    void throttled_is_a_transient_rejection() {
        answer(okJson(body("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1")));

        assertThat(send()).isEqualTo(new SendResult.Rejected("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1", false));
    }

    @Test
    void gateway_throttling_over_http_400_is_a_transient_rejection() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\",\"RequestId\":\"r\"}"));

        SendResult result = send();

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        assertThat(((SendResult.Rejected) result).code()).isEqualTo("Throttling.User");
        assertThat(((SendResult.Rejected) result).permanent()).isFalse();
    }

    @Test
    void illegal_number_is_a_permanent_rejection_and_the_message_is_masked() {
        answer(okJson(body("isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile number 13800138000")));

        assertThat(send()).isEqualTo(new SendResult.Rejected("isv.MOBILE_NUMBER_ILLEGAL", "invalid mobile number 138****8000", true));
    }

    @Test
    void a_code_nobody_listed_is_permanent() {
        answer(okJson(body("isv.SOMETHING_NEW", "new")));

        assertThat(send()).isEqualTo(new SendResult.Rejected("isv.SOMETHING_NEW", "new", true));
    }

    @Test
    void a_server_error_without_a_known_code_is_unknown() {
        answer(aResponse().withStatus(502).withHeader("Content-Type", "application/json").withBody("{\"Code\":\"BadGateway\"}"));

        assertThat(send()).isInstanceOf(SendResult.Unknown.class);
        assertThat(aliyun.getAllServeEvents()).hasSize(1);
    }

    @Test
    void a_response_slower_than_the_read_timeout_is_unknown_and_never_retried() {
        answer(okJson(body("OK", "OK")).withFixedDelay(1500));

        SendResult result = senderTo("localhost:" + aliyun.port(), SHORT_READ_TIMEOUT)
                .send(RESIDENT, SmsTemplate.CASE_REGISTERED, Map.of("number", "SG-1"), "msg-1");

        assertThat(result).isInstanceOf(SendResult.Unknown.class);
        assertThat(((SendResult.Unknown) result).reason()).containsIgnoringCase("time");
        assertThat(aliyun.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void an_unreachable_endpoint_is_unknown() {
        SendResult result = senderTo("localhost:1", SHORT_READ_TIMEOUT).send(RESIDENT, SmsTemplate.CASE_REGISTERED, Map.of("number", "SG-1"), "msg-1");

        assertThat(result).isInstanceOf(SendResult.Unknown.class);
        assertThat(((SendResult.Unknown) result).reason()).doesNotContain("13800138000");
    }

    @Test
    void a_missing_template_parameter_is_refused_before_any_request() {
        answer(okJson(body("OK", "OK")));

        assertThatThrownBy(() -> sender.send(RESIDENT, SmsTemplate.CASE_REPLY, Map.of("number", "SG-1"), "msg-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameters [reply]");
        assertThat(aliyun.getAllServeEvents()).isEmpty();
    }

    @Test
    void finds_a_sent_message_by_its_out_id_through_query_send_details() {
        answer(okJson("""
                {"Code":"OK","Message":"OK","RequestId":"req-2","TotalCount":2,"SmsSendDetailDTOs":{"SmsSendDetailDTO":[
                 {"PhoneNum":"13800138000","SendStatus":3,"ErrCode":"DELIVERED","TemplateCode":"SMS_LIANXIN_CASE_REPLY",
                  "Content":"【连心桥】…","SendDate":"2026-11-27 09:15:02","ReceiveDate":"2026-11-27 09:15:05","OutId":"msg-41"},
                 {"PhoneNum":"13800138000","SendStatus":2,"ErrCode":"MK:0001","TemplateCode":"SMS_LIANXIN_CASE_REPLY",
                  "Content":"【连心桥】…","SendDate":"2026-11-27 09:16:02","ReceiveDate":"2026-11-27 09:16:05","OutId":"msg-42"}]}}"""));

        assertThat(sender.find(RESIDENT, java.time.LocalDate.of(2026, 11, 27), "msg-42"))
                .isEqualTo(new SentDetail.Found(SentDetail.Delivery.FAILED, "MK:0001"));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("x-acs-action")).isEqualTo("QuerySendDetails");
        assertThat(request.queryParameter("PhoneNumber").firstValue()).isEqualTo("13800138000");
        assertThat(request.queryParameter("SendDate").firstValue()).isEqualTo("20261127");
        assertThat(request.queryParameter("PageSize").firstValue()).isEqualTo("50");
        assertThat(request.queryParameter("CurrentPage").firstValue()).isEqualTo("1");
    }

    @Test
    void a_message_aliyun_does_not_list_is_not_found_and_a_failed_query_is_unavailable() {
        answer(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"r\",\"TotalCount\":0,\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[]}}"));
        assertThat(sender.find(RESIDENT, java.time.LocalDate.of(2026, 11, 27), "msg-42")).isEqualTo(new SentDetail.NotFound());

        answer(aResponse().withStatus(503).withBody("busy"));
        assertThat(sender.find(RESIDENT, java.time.LocalDate.of(2026, 11, 27), "msg-42")).isInstanceOf(SentDetail.Unavailable.class);
    }

    private static AliyunSmsSender senderTo(String endpoint, Duration readTimeout) {
        SmsSettings settings = new SmsSettings(endpoint, "http", "test-key-id", "test-key-secret", "连心桥",
                Duration.ofMillis(500), readTimeout);
        return new AliyunSmsSender(settings, SmsTemplates.withPlaceholderCodes());
    }

    private static SendResult send() {
        return sender.send(RESIDENT, SmsTemplate.CASE_REPLY, Map.of("reply", "路灯本周修好", "number", "SG-20261127-0001"), "msg-42");
    }

    private static void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        aliyun.stubFor(any(anyUrl()).willReturn(response));
    }

    private static String body(String code, String message) {
        return "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"BizId\":\"" + ("OK".equals(code) ? "biz-1" : "")
                + "\",\"RequestId\":\"req-1\"}";
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = aliyun.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
