package cn.lianxin.sms.send;

import cn.lianxin.sms.Masking;
import cn.lianxin.sms.PhoneNumber;
import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.Common;
import com.aliyun.teautil.models.RuntimeOptions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Sends one templated SMS through Aliyun's official SDK (SendSms) and says what became of it.
 *
 * <p><b>Blocking:</b> the SDK does blocking HTTP for up to connect + read timeout. The backend must call
 * {@link #send} on a worker thread, never on the event loop.
 *
 * <p><b>No blind retry:</b> SendSms is not idempotent. The SDK's own retry is switched off, and a timeout or
 * transport failure is reported as {@link SendResult.Unknown}, never as a failure to try again: the caller
 * reconciles by the delivery receipt or QuerySendDetails for the {@code outId} first. Only a
 * {@link SendResult.Rejected} that is not permanent may be sent again.
 *
 * <p>Phone numbers never appear in clear text in what this class logs or returns. One instance is shared:
 * the SDK client is thread-safe and keeps its connection pool.
 */
public final class AliyunSmsSender {

    private static final Logger LOG = Logger.getLogger(AliyunSmsSender.class);
    private static final String OK = "OK";
    /** QuerySendDetails' largest page. */
    private static final long PAGE_SIZE = 50;
    /** 50 per page × 20 pages is more than Aliyun lets us send to one number in a day (50 per template). */
    private static final long MAX_PAGES = 20;
    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** The most numbers SendSms takes in one call. */
    public static final int MAX_NUMBERS = 1000;

    private final Client client;
    private final SmsSettings settings;
    private final SmsTemplates templates;

    public AliyunSmsSender(SmsSettings settings, SmsTemplates templates) {
        this.settings = Objects.requireNonNull(settings);
        this.templates = Objects.requireNonNull(templates);
        this.client = createClient(settings);
    }

    private static Client createClient(SmsSettings settings) {
        Config config = new Config()
                .setAccessKeyId(settings.accessKeyId())
                .setAccessKeySecret(settings.accessKeySecret())
                .setEndpoint(settings.endpoint())
                .setProtocol(settings.protocol());
        try {
            return new Client(config);
        } catch (Exception e) {
            // The constructor only builds objects (no network); a failure here is a configuration error.
            throw new IllegalStateException("cannot create the Aliyun SMS client for " + settings, e);
        }
    }

    /**
     * Sends {@code template} with {@code params} to one number.
     *
     * @param outId our message id; Aliyun echoes it in the receipt and QuerySendDetails, which is how an
     *     {@link SendResult.Unknown} is reconciled
     * @throws IllegalArgumentException when a template parameter is missing or unknown; nothing is sent
     */
    public SendResult send(PhoneNumber to, SmsTemplate template, Map<String, String> params, String outId) {
        Objects.requireNonNull(to, "to");
        SendResult result = call(request(List.of(to), template, params, outId));
        log(result, to.masked(), template, outId);
        return result;
    }

    /**
     * Sends the same {@code template} and {@code params} to up to {@value #MAX_NUMBERS} numbers in one SendSms call
     * (a broadcast): one BizId for all of them, one OutId, and one answer: Aliyun accepts or refuses the call whole.
     *
     * @throws IllegalArgumentException when there are no numbers or too many, or a template parameter is missing
     */
    public SendResult send(List<PhoneNumber> to, SmsTemplate template, Map<String, String> params, String outId) {
        if (to.isEmpty() || to.size() > MAX_NUMBERS) {
            throw new IllegalArgumentException("SendSms takes 1 to " + MAX_NUMBERS + " numbers, not " + to.size());
        }
        SendResult result = call(request(to, template, params, outId));
        log(result, to.size() + " numbers", template, outId);
        return result;
    }

    private SendSmsRequest request(List<PhoneNumber> to, SmsTemplate template, Map<String, String> params, String outId) {
        if (outId == null || outId.isBlank()) {
            throw new IllegalArgumentException("an SMS needs our message id as OutId, to reconcile its outcome");
        }
        return new SendSmsRequest()
                .setPhoneNumbers(String.join(",", to.stream().map(PhoneNumber::digits).toList()))
                .setSignName(settings.signName())
                .setTemplateCode(templates.codeOf(template))
                .setTemplateParam(Common.toJSONString(templates.checkedParameters(template, params)))
                .setOutId(outId);
    }

    private SendResult call(SendSmsRequest request) {
        try {
            SendSmsResponseBody body = client.sendSmsWithOptions(request, runtimeOptions()).getBody();
            if (OK.equals(body.getCode())) {
                return new SendResult.Sent(body.getBizId());
            }
            return rejected(body.getCode(), body.getMessage());
        } catch (TeaException e) {
            return fromErrorResponse(e);
        } catch (Exception e) {
            // Connection refused or reset, timeouts (TeaUnretryableException), unreadable bodies: we cannot tell
            // whether Aliyun sent the message.
            return new SendResult.Unknown(Masking.maskPhones(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * Looks for the message we sent with {@code outId} to {@code to} on {@code sendDate} (Beijing date, as Aliyun
     * files it) through QuerySendDetails, paging through that day's messages to the number. A read-only call, so
     * an unanswered query is simply asked again later. Blocking, like {@link #send}.
     */
    public SentDetail find(PhoneNumber to, LocalDate sendDate, String outId) {
        Objects.requireNonNull(outId, "outId");
        try {
            for (long page = 1; page <= MAX_PAGES; page++) {
                QuerySendDetailsRequest request = new QuerySendDetailsRequest().setPhoneNumber(to.digits())
                        .setSendDate(SEND_DATE.format(sendDate)).setPageSize(PAGE_SIZE).setCurrentPage(page);
                QuerySendDetailsResponseBody body = client.querySendDetailsWithOptions(request, runtimeOptions()).getBody();
                if (!OK.equals(body.getCode())) {
                    return unavailable(to, outId, body.getCode() + ": " + body.getMessage());
                }
                List<QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> details =
                        body.getSmsSendDetailDTOs() == null || body.getSmsSendDetailDTOs().getSmsSendDetailDTO() == null
                                ? List.of() : body.getSmsSendDetailDTOs().getSmsSendDetailDTO();
                for (QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO detail : details) {
                    if (outId.equals(detail.getOutId())) {
                        SentDetail.Delivery delivery = SentDetail.Delivery.of(detail.getSendStatus());
                        LOG.debugf("SMS out id %s to %s found by query: %s", outId, to.masked(), delivery);
                        return new SentDetail.Found(delivery, detail.getErrCode());
                    }
                }
                if (details.size() < PAGE_SIZE) {
                    break;
                }
            }
            return new SentDetail.NotFound();
        } catch (TeaException e) {
            return unavailable(to, outId, "HTTP " + e.getStatusCode() + " " + e.getCode() + ": " + e.getMessage());
        } catch (Exception e) {
            return unavailable(to, outId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static SentDetail unavailable(PhoneNumber to, String outId, String reason) {
        String masked = Masking.maskPhones(reason);
        LOG.warnf("SMS out id %s to %s: QuerySendDetails gave no answer, asking again later: %s", outId, to.masked(), masked);
        return new SentDetail.Unavailable(masked);
    }

    /**
     * Timeouts per call, and the SDK's retry off: its retry would resend after a timeout, which is exactly
     * the blind retry we must not do. (Tea counts maxAttempts as retries after the first call, so 0.)
     */
    private RuntimeOptions runtimeOptions() {
        RuntimeOptions options = new RuntimeOptions();
        options.autoretry = false;
        options.maxAttempts = 0;
        options.connectTimeout = Math.toIntExact(settings.connectTimeout().toMillis());
        options.readTimeout = Math.toIntExact(settings.readTimeout().toMillis());
        return options;
    }

    /**
     * The SDK throws TeaException for HTTP 4xx/5xx answers that carry a code (gateway throttling, bad
     * credentials, provider errors) and for local problems without one. A 4xx means the call was refused, so
     * its code decides; a 5xx with a code we do not know may have failed half-way, so it is unknown.
     */
    private static SendResult fromErrorResponse(TeaException e) {
        String code = e.getCode();
        boolean answered = e.getStatusCode() != null && code != null && !code.isBlank() && !"null".equals(code);
        boolean serverError = e.getStatusCode() != null && e.getStatusCode() >= 500;
        if (!answered || serverError && !AliyunErrorCodes.isKnown(code)) {
            return new SendResult.Unknown(Masking.maskPhones("HTTP " + e.getStatusCode() + " " + code + ": " + e.getMessage()));
        }
        return rejected(code, e.getMessage());
    }

    private static SendResult rejected(String code, String message) {
        return new SendResult.Rejected(code, Masking.maskPhones(message), !AliyunErrorCodes.isTransient(code));
    }

    private static void log(SendResult result, String to, SmsTemplate template, String outId) {
        if (result instanceof SendResult.Sent sent) {
            LOG.debugf("SMS %s to %s sent, out id %s, biz id %s", template, to, outId, sent.bizId());
        } else if (result instanceof SendResult.Rejected rejected) {
            LOG.warnf("SMS %s to %s rejected (%s), out id %s: %s %s", template, to,
                    rejected.permanent() ? "permanent" : "transient", outId, rejected.code(), rejected.message());
        } else if (result instanceof SendResult.Unknown unknown) {
            LOG.warnf("SMS %s to %s outcome unknown, out id %s, reconcile before any resend: %s", template, to,
                    outId, unknown.reason());
        }
    }
}
