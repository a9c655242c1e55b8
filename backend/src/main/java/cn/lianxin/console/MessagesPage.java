package cn.lianxin.console;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.notifications.MessageSearch;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.notifications.RecipientKind;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.Masking;
import cn.lianxin.work.ParkedWork;
import cn.lianxin.work.ParkedWork.ParkedItem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 消息: the message log with the API's filters ({@link MessageSearch}, as {@code GET /api/messages} reads it) — each
 * message with its delivery status, the provider's reason and its recipient (never a full phone number, in the body
 * neither) — and the
 * work parked after its last attempt ({@link ParkedWork}) with a retry. The town office's, like the API's log.
 */
@Path("/console/messages")
@RolesAllowed(Roles.TOWN_OFFICE)
@Produces(MediaType.TEXT_HTML)
public class MessagesPage {

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static final Map<String, String> STATUSES = labels(OutboundMessage.Status.values(), Map.of("PENDING", "待发送", "DEFERRED",
            "暂缓（限流）", "SENT", "已发送", "DELIVERED", "已送达", "FAILED", "发送失败", "UNKNOWN", "结果未知"));
    static final Map<String, String> CHANNELS = labels(MessageChannel.values(), Map.of("SMS", "短信", "MINIPROGRAM", "小程序",
            "WECOM", "企业微信"));
    static final Map<String, String> RECIPIENTS = labels(RecipientKind.values(), Map.of("RESIDENT", "居民", "REPRESENTATIVE", "党代表",
            "TOWN_OFFICE", "镇党委办公室", "WECOM_USER", "企业微信用户"));
    static final Map<String, String> QUEUES = Map.of("sms-uplink", "居民短信", "sms-receipt", "短信回执", "wecom-inbound", "企业微信消息",
            "deadline-notice", "时限提醒与督办");

    public record Option(String value, String label, boolean selected) {
    }

    /** The filters as typed, the options of the selects, and the errors at their fields. */
    public record Filters(String status, String channel, String recipientKind, String caseRef, String from, String to,
            List<Option> statuses, List<Option> channels, List<Option> recipientKinds, Map<String, String> errors) {
    }

    public record MessageRow(String createdAt, String channel, String template, String recipient, UUID caseId, String caseNumber,
            String status, String statusLabel, int attempts, String reason, boolean sandbox, String body, String sentAt) {
    }

    public record ParkedRow(String queue, String queueLabel, long id, int attempts, String reason, String parkedAt, boolean retried) {
    }

    public record Pager(long total, int page, int pages, String previous, String next) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance messages(Frame frame, Filters filters, List<MessageRow> rows, Pager pager,
                List<ParkedRow> parked, Pager parkedPager);

        static native TemplateInstance parkedRow(ParkedRow item);
    }

    private final ParkedWork parkedWork;
    private final Frame.Frames frames;
    private final ZoneId townZone;
    private final ReadAudit audit;

    public MessagesPage(ParkedWork parkedWork, Frame.Frames frames, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone,
            ReadAudit audit) {
        this.audit = audit;
        this.parkedWork = parkedWork;
        this.frames = frames;
        this.townZone = townZone;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> messages(@QueryParam("status") String status, @QueryParam("channel") String channel,
            @QueryParam("recipientKind") String recipientKind, @QueryParam("case") String caseRef, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") String page, @QueryParam("parkedPage") String parkedPage) {
        Frame frame = frames.of("messages");
        Map<String, String> errors = new LinkedHashMap<>();
        OutboundMessage.Status statusValue = parse(status, OutboundMessage.Status::valueOf, "status", errors);
        MessageChannel channelValue = parse(channel, MessageChannel::valueOf, "channel", errors);
        RecipientKind kindValue = parse(recipientKind, RecipientKind::valueOf, "recipientKind", errors);
        LocalDate fromValue = parse(from, LocalDate::parse, "from", errors);
        LocalDate toValue = parse(to, LocalDate::parse, "to", errors);
        Filters filters = new Filters(status, channel, recipientKind, caseRef, from, to, options(STATUSES, status),
                options(CHANNELS, channel), options(RECIPIENTS, recipientKind), errors);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("channel", channel);
        query.put("recipientKind", recipientKind);
        query.put("case", caseRef);
        query.put("from", from);
        query.put("to", to);
        PageRequest messagePage = page(page);
        PageRequest parkedRequest = page(parkedPage);
        return caseOf(caseRef, errors).chain(caseId -> {
            if (!errors.isEmpty()) {
                return Uni.createFrom().item(new Page<OutboundMessage>(List.of(), 0, PAGE_SIZE, 0));
            }
            return new MessageSearch(caseId, null, null, channelValue, statusValue, kindValue, fromValue, toValue, null)
                    .read(frame.caller(), audit, townZone, messagePage);
        }).chain(messages -> rows(messages.items()).chain(rows -> parkedWork.page(parkedRequest).map(parked -> Templates.messages(frame,
                filters, rows, pager(messages, query, "page", parkedRequest.page, "parkedPage", ""),
                parked.items().stream().map(item -> parkedRow(item, false)).toList(),
                pager(parked, query, "parkedPage", messagePage.page, "page", "#parked")))));
    }

    /** One more attempt for a parked item, due now; the row says so (it is no longer parked). */
    @POST
    @Path("/parked/{queue}/{id}/retry")
    public Uni<TemplateInstance> retry(@PathParam("queue") String queue, @PathParam("id") long id) {
        return parkedWork.retry(queue, id).map(item -> Templates.parkedRow(parkedRow(item, true)));
    }

    /** A case named by its id or by its number (what the clerk has in hand); unknown is an error at the field. */
    private static Uni<UUID> caseOf(String ref, Map<String, String> errors) {
        if (ref == null || ref.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String typed = ref.strip();
        try {
            return Uni.createFrom().item(UUID.fromString(typed));
        } catch (IllegalArgumentException notAnId) {
            return Case.<Case>find("number", typed).firstResult().map(c -> {
                if (c == null) {
                    errors.put("case", "没有编号为 " + typed + " 的诉求");
                    return null;
                }
                return c.id;
            });
        }
    }

    /** The rows of a page, each recipient named as staff may see them: a resident by name and masked number. */
    private Uni<List<MessageRow>> rows(List<OutboundMessage> messages) {
        List<UUID> residentIds = messages.stream().map(m -> m.residentId).filter(Objects::nonNull).distinct().toList();
        List<Long> representativeIds = messages.stream().map(m -> m.representativeId).filter(Objects::nonNull).distinct().toList();
        List<UUID> caseIds = messages.stream().map(m -> m.caseId).filter(Objects::nonNull).distinct().toList();
        Uni<Map<UUID, Resident>> residents = residentIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : Resident.<Resident>list("id in ?1", residentIds).map(list -> list.stream().collect(Collectors.toMap(r -> r.id, r -> r)));
        return residents.chain(rs -> (representativeIds.isEmpty() ? Uni.createFrom().item(Map.<Long, String>of())
                        : Representative.<Representative>list("id in ?1", representativeIds)
                                .map(list -> list.stream().collect(Collectors.toMap(r -> r.id, r -> r.name))))
                .chain(reps -> (caseIds.isEmpty() ? Uni.createFrom().item(Map.<UUID, String>of())
                        : Case.<Case>list("id in ?1", caseIds).map(list -> list.stream().collect(Collectors.toMap(c -> c.id, c -> c.number))))
                        .map(numbers -> messages.stream().map(m -> new MessageRow(shown(m.createdAt), CHANNELS.get(m.channel.name()), m.template,
                                recipient(m, rs, reps), m.caseId, m.caseId == null ? null : numbers.get(m.caseId), m.status.name(),
                                STATUSES.get(m.status.name()), m.attempts, m.lastError, m.sandbox, Masking.maskPhones(m.body), shown(m.sentAt)))
                                .toList())));
    }

    private static String recipient(OutboundMessage m, Map<UUID, Resident> residents, Map<Long, String> representatives) {
        String kind = RECIPIENTS.get(m.recipientKind.name());
        return switch (m.recipientKind) {
            case RESIDENT -> {
                Resident r = residents.get(m.residentId);
                yield r == null ? kind : kind + " " + (r.name == null ? "" : r.name + " ") + (r.phoneMasked == null ? "" : r.phoneMasked);
            }
            case REPRESENTATIVE -> kind + " " + representatives.getOrDefault(m.representativeId, "#" + m.representativeId);
            case TOWN_OFFICE -> kind;
            case WECOM_USER -> kind + " " + m.wecomUserId;
        };
    }

    private ParkedRow parkedRow(ParkedItem item, boolean retried) {
        return new ParkedRow(item.queue(), QUEUES.getOrDefault(item.queue(), item.queue()), item.id(), item.attempts(), item.reason(),
                shown(item.parkedAt()), retried);
    }

    private String shown(OffsetDateTime at) {
        return at == null ? null : SHOWN.format(at.atZoneSameInstant(townZone));
    }

    private static <T> T parse(String value, Function<String, T> parser, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.put(field, "from".equals(field) || "to".equals(field) ? "请填写日期，如 2026-12-01" : "请从列表中选择");
            return null;
        }
    }

    private static PageRequest page(String value) {
        PageRequest request = new PageRequest();
        request.size = PAGE_SIZE;
        try {
            request.page = value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            request.page = 0;
        }
        return request;
    }

    /** Previous and next links that keep the filters and the other list's page. */
    private static Pager pager(Page<?> page, Map<String, String> query, String parameter, int otherPage, String otherParameter, String anchor) {
        int pages = (int) Math.max(1, (page.total() + page.size() - 1) / page.size());
        Function<Integer, String> link = p -> {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put(parameter, String.valueOf(p));
            q.put(otherParameter, String.valueOf(otherPage));
            return "/console/messages?" + q.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")) + anchor;
        };
        return new Pager(page.total(), page.page() + 1, pages, page.page() > 0 ? link.apply(page.page() - 1) : null,
                page.page() + 1 < pages ? link.apply(page.page() + 1) : null);
    }

    private static List<Option> options(Map<String, String> labels, String selected) {
        return labels.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(selected))).toList();
    }

    /** The labels in the enum's own order. */
    private static Map<String, String> labels(Enum<?>[] values, Map<String, String> chinese) {
        Map<String, String> labels = new LinkedHashMap<>();
        Arrays.stream(values).forEach(v -> labels.put(v.name(), chinese.get(v.name())));
        return labels;
    }
}
