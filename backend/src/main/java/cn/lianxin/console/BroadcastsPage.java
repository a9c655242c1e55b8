package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Problem;
import cn.lianxin.api.Roles;
import cn.lianxin.broadcasts.Broadcast;
import cn.lianxin.broadcasts.BroadcastDeliveries;
import cn.lianxin.broadcasts.BroadcastDeliveries.Funnel;
import cn.lianxin.broadcasts.BroadcastDeliveries.Recipient;
import cn.lianxin.broadcasts.BroadcastResource.AudienceRequest;
import cn.lianxin.broadcasts.BroadcastResource.BroadcastRequest;
import cn.lianxin.broadcasts.BroadcastTexts;
import cn.lianxin.broadcasts.Broadcasts;
import cn.lianxin.broadcasts.PolicyFaq;
import cn.lianxin.broadcasts.domain.BroadcastCommand;
import cn.lianxin.broadcasts.domain.BroadcastRules;
import cn.lianxin.broadcasts.domain.BroadcastRules.Actor;
import cn.lianxin.broadcasts.domain.BroadcastState;
import cn.lianxin.broadcasts.domain.DeliveryChannel;
import cn.lianxin.broadcasts.domain.DeliveryStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 政策: the town office's broadcasts — the list, composing one with a live preview of its SMS (text, segments, cost)
 * and the audience's size, approval by a second office account, the progress while it goes out (htmx polling), the
 * funnel per channel and every recipient (numbers masked), with a CSV export. Calls the same services as the API.
 */
@Path("/console/broadcasts")
@RolesAllowed(Roles.TOWN_OFFICE)
@Produces(MediaType.TEXT_HTML)
public class BroadcastsPage {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final Map<DeliveryChannel, String> CHANNELS = new EnumMap<>(Map.of(DeliveryChannel.MINIPROGRAM, "小程序政策栏",
            DeliveryChannel.SUBSCRIBE, "订阅消息", DeliveryChannel.SMS, "短信"));
    static final Map<DeliveryStatus, String> STATUSES = new EnumMap<>(Map.of(DeliveryStatus.PENDING, "待发送", DeliveryStatus.SENDING,
            "发送中", DeliveryStatus.SENT, "已发送", DeliveryStatus.DELIVERED, "已送达", DeliveryStatus.READ, "已读",
            DeliveryStatus.FAILED, "失败", DeliveryStatus.OPTED_OUT, "已退订", DeliveryStatus.SKIPPED, "跳过"));
    private static final List<String> STAGES = List.of("待发送", "已发送", "已送达", "已读", "失败", "已退订", "跳过");

    public record Option(String value, String label, boolean selected) {
    }

    public record Row(UUID id, String title, String state, String author, String approver, String createdAt) {
    }

    public record Form(String title, String summary, String body, String scope, Long townId, List<Long> villageIds, List<String> channels) {
    }

    public record Preview(String sms, int segments, long audience, String cost) {
    }

    public record Progress(UUID id, String state, boolean polling, long done, long toSend, int percent, List<FunnelRow> funnel, String chart) {
    }

    public record FunnelRow(String channel, long toSend, long sent, long delivered, long read, long failed, long optedOut, long skipped) {
    }

    public record Detail(Broadcast broadcast, String state, boolean approvable, boolean ownAwaiting, List<String> channels, String audience) {
    }

    /** A line of the figures table: a village's, or 合计 for the whole audience. */
    public record FigureRow(String village, long audience, long reached, String reach, long inMiniProgram, long read, String readRate,
            long questions, boolean total) {
        static FigureRow of(BroadcastDeliveries.Figures f, String village, boolean total) {
            return new FigureRow(village, f.audience(), f.reached(), percent(f.reach()), f.inMiniProgram(), f.read(), percent(f.readRate()),
                    f.questions(), total);
        }

        private static String percent(Double ratio) {
            return ratio == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", ratio * 100);
        }
    }

    /** A question asked about the policy, with its answer once there is one, and whether it is in the FAQ. */
    public record QuestionRow(UUID caseId, String number, String village, String channel, String at, String question, String reply,
            boolean published) {
    }

    public record RecipientRow(String name, String phone, String village, String channel, String status, String detail, String at) {
    }

    public static class FormFields {
        @FormParam("title") public String title;
        @FormParam("summary") public String summary;
        @FormParam("body") public String body;
        @FormParam("scope") public String scope;
        @FormParam("townId") public Long townId;
        @FormParam("villageIds") public List<Long> villageIds;
        @FormParam("channels") public List<String> channels;

        Form form() {
            return new Form(nz(title), nz(summary), nz(body), scope == null ? "all" : scope, townId,
                    villageIds == null ? List.of() : villageIds, channels == null ? List.of() : channels);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Frame frame, List<Row> rows);

        static native TemplateInstance compose(Frame frame, Form form, List<Option> towns, List<Option> villages, List<Option> channels,
                Preview preview, List<String> errors);

        static native TemplateInstance preview(Preview preview);

        static native TemplateInstance detail(Frame frame, Detail detail, Progress progress, List<FigureRow> figures,
                List<QuestionRow> questions, List<Option> statuses, String status, List<RecipientRow> recipients, long total);

        static native TemplateInstance progressBody(Progress progress);
    }

    private final Broadcasts broadcasts;
    private final BroadcastDeliveries deliveries;
    private final PolicyFaq faq;
    private final Frame.Frames frames;
    private final Pool pool;
    private final ObjectMapper json;
    private final ZoneId townZone;
    private final String signName;
    private final BigDecimal price;

    public BroadcastsPage(Broadcasts broadcasts, BroadcastDeliveries deliveries, PolicyFaq faq, Frame.Frames frames, Pool pool, ObjectMapper json,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone,
            @ConfigProperty(name = "lianxin.sms.aliyun.sign-name") String signName,
            @ConfigProperty(name = "lianxin.broadcast.sms-price") BigDecimal price) {
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
        this.faq = faq;
        this.frames = frames;
        this.pool = pool;
        this.json = json;
        this.townZone = townZone;
        this.signName = signName;
        this.price = price;
    }

    @GET
    public Uni<TemplateInstance> list() {
        Frame frame = frames.of("broadcasts");
        PageRequest page = new PageRequest();
        page.size = 100;
        return broadcasts.page(page).map(p -> Templates.list(frame, p.items().stream().map(b -> new Row(b.id, b.title, b.state.label(),
                b.author, b.approver == null ? "" : b.approver, b.createdAt.atZoneSameInstant(townZone).format(SHOWN))).toList()));
    }

    @GET
    @Path("new")
    public Uni<TemplateInstance> compose() {
        Form form = new Form("", "", "", "all", null, List.of(), List.of("MINIPROGRAM", "SMS"));
        return composeWith(form, List.of());
    }

    private Uni<TemplateInstance> composeWith(Form form, List<String> errors) {
        Frame frame = frames.of("broadcasts");
        return Uni.combine().all().unis(options("SELECT id, name FROM town WHERE active ORDER BY name", form.townId() == null ? Set.of() : Set.of(form.townId())),
                        options("SELECT v.id, t.name || ' · ' || v.name FROM village v JOIN town t ON t.id = v.town_id WHERE v.active ORDER BY t.name, v.name",
                                Set.copyOf(form.villageIds())), preview(form)).asTuple()
                .map(t -> Templates.compose(frame, form, t.getItem1(), t.getItem2(), channelOptions(form.channels()), t.getItem3(), errors));
    }

    private static List<Option> channelOptions(List<String> chosen) {
        return List.of(DeliveryChannel.values()).stream()
                .map(c -> new Option(c.name(), CHANNELS.get(c), chosen.contains(c.name()))).toList();
    }

    private Uni<List<Option>> options(String sql, Set<?> selected) {
        return pool.query(sql).execute().map(rows -> StreamSupport.stream(rows.spliterator(), false)
                .map(r -> new Option(String.valueOf(r.getLong(0)), r.getString(1), selected.contains(r.getLong(0)))).toList());
    }

    /** The live preview: what the SMS says, its segments, the audience as it stands and what the SMS would cost. */
    @POST
    @Path("preview")
    public Uni<TemplateInstance> livePreview(@BeanParam FormFields fields) {
        return preview(fields.form()).map(Templates::preview);
    }

    private Uni<Preview> preview(Form form) {
        Uni<String> townName = form.townId() == null ? Uni.createFrom().item("本镇")
                : pool.preparedQuery("SELECT name FROM town WHERE id = $1").execute(Tuple.of(form.townId()))
                        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : "本镇");
        Uni<Long> size = form.townId() == null ? Uni.createFrom().item(0L)
                : deliveries.audienceSize(form.townId(), "all".equals(form.scope()), "all".equals(form.scope()) ? new Long[0]
                        : form.villageIds().toArray(Long[]::new), new Long[0], new Long[0]);
        return Uni.combine().all().unis(townName, size).asTuple().map(t -> {
            BroadcastTexts.SmsPreview sms = BroadcastTexts.preview(signName, t.getItem1(), form.title(), price);
            String cost = form.channels().contains("SMS") ? "约 " + sms.costPerRecipient().multiply(BigDecimal.valueOf(t.getItem2()))
                    .setScale(2, java.math.RoundingMode.HALF_UP) + " 元（最多 " + t.getItem2() + " 条 × " + sms.segments() + " 段）" : "不发短信";
            return new Preview(sms.text(), sms.segments(), t.getItem2(), cost);
        });
    }

    @POST
    public Uni<Response> create(@BeanParam FormFields fields) {
        Form form = fields.form();
        BroadcastRequest request;
        try {
            request = new BroadcastRequest(form.title(), form.summary(), form.body(), List.of(),
                    new AudienceRequest("all".equals(form.scope()), "all".equals(form.scope()) ? List.of() : form.villageIds(), List.of(),
                            List.of(), form.townId()),
                    form.channels().stream().map(DeliveryChannel::valueOf).toList(), null, false);
        } catch (IllegalArgumentException e) {
            return invalid(form, List.of("渠道无效"));
        }
        List<String> errors = new ArrayList<>();
        if (form.title().isBlank()) {
            errors.add("请填写标题");
        }
        if (form.summary().isBlank()) {
            errors.add("请填写摘要");
        }
        if (form.body().isBlank()) {
            errors.add("请填写正文");
        }
        if (form.channels().isEmpty()) {
            errors.add("请至少选择一个渠道");
        }
        if (!errors.isEmpty()) {
            return invalid(form, errors);
        }
        return broadcasts.create(request, frames.caller())
                .map(b -> Response.ok().header("HX-Redirect", "/console/broadcasts/" + b.id).build())
                .onFailure(ApiException.class).recoverWithUni(e -> invalid(form, words(((ApiException) e).problem())));
    }

    private static List<String> words(Problem problem) {
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return List.of(problem.detail());
        }
        return problem.errors().stream().map(e -> e.field() + "：" + e.message()).toList();
    }

    private Uni<Response> invalid(Form form, List<String> errors) {
        return composeWith(form, errors).map(page -> Response.status(422).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> detail(@PathParam("id") UUID id, @QueryParam("status") String status) {
        Frame frame = frames.of("broadcasts");
        DeliveryStatus wanted = status == null || status.isBlank() ? null : DeliveryStatus.valueOf(status);
        return broadcasts.find(id).chain(b -> Uni.combine().all().unis(progressOf(b), deliveries.recipients(id, wanted, 0, 200),
                        deliveries.figures(id), faq.questions(id)).asTuple()
                .map(t -> {
                    List<String> allowed = BroadcastRules.allowed(Actor.office(frame.caller().username()), b).stream().map(Enum::name).toList();
                    Detail detail = new Detail(b, b.state.label(), allowed.contains(BroadcastCommand.APPROVE.name()),
                            b.state == BroadcastState.AWAITING_APPROVAL && b.author.equals(frame.caller().username()),
                            List.of(b.channels).stream().map(c -> CHANNELS.get(DeliveryChannel.valueOf(c))).toList(), audience(b));
                    List<Option> statuses = STATUSES.entrySet().stream()
                            .map(e -> new Option(e.getKey().name(), e.getValue(), e.getKey() == wanted)).toList();
                    return Templates.detail(frame, detail, t.getItem1(), figureRows(t.getItem3()),
                            t.getItem4().stream().map(this::questionRow).toList(), statuses, status == null ? "" : status,
                            t.getItem2().items().stream().map(this::row).toList(), t.getItem2().total());
                }));
    }

    private QuestionRow questionRow(PolicyFaq.AskedQuestion q) {
        return new QuestionRow(q.caseId(), q.number(), q.village() == null ? "" : q.village(), "SMS".equals(q.channel()) ? "短信" : "小程序",
                q.askedAt().atZoneSameInstant(townZone).format(SHOWN), q.question(), q.reply(), q.published());
    }

    private static List<FigureRow> figureRows(BroadcastDeliveries.FiguresView figures) {
        List<FigureRow> rows = new ArrayList<>(figures.villages().stream()
                .map(f -> FigureRow.of(f, f.village() == null ? "村未登记" : f.village(), false)).toList());
        rows.add(FigureRow.of(figures.total(), "合计", true));
        return rows;
    }

    private static String audience(Broadcast b) {
        if (b.audienceAll) {
            return "全镇";
        }
        return b.villageIds.length + " 个村" + (b.constituencyIds.length > 0 ? "、" + b.constituencyIds.length + " 个选区" : "");
    }

    private RecipientRow row(Recipient r) {
        var at = r.readAt() != null ? r.readAt() : r.deliveredAt() != null ? r.deliveredAt() : r.sentAt();
        return new RecipientRow(r.name() == null ? "" : r.name(), r.phoneMasked() == null ? "" : r.phoneMasked(),
                r.villageName() == null ? "" : r.villageName(), CHANNELS.get(r.channel()), STATUSES.get(r.status()),
                r.detail() == null ? "" : r.detail(), at == null ? "" : at.atZoneSameInstant(townZone).format(SHOWN));
    }

    /** The progress while polling; once the broadcast is no longer going out, HTTP 286 tells htmx to stop polling. */
    @GET
    @Path("{id}/progress")
    public Uni<Response> progress(@PathParam("id") UUID id) {
        return broadcasts.find(id).chain(this::progressOf).map(p -> Response.status(p.polling() ? 200 : 286)
                .entity(Templates.progressBody(p)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    private Uni<Progress> progressOf(Broadcast b) {
        return deliveries.funnel(b.id).map(funnel -> {
            long toSend = funnel.stream().mapToLong(Funnel::toSend).sum();
            long done = funnel.stream().mapToLong(Funnel::done).sum();
            boolean polling = b.state == BroadcastState.SCHEDULED || b.state == BroadcastState.SENDING;
            int percent = toSend == 0 ? (b.state == BroadcastState.SENT ? 100 : 0) : (int) (done * 100 / toSend);
            List<FunnelRow> rows = funnel.stream().map(f -> new FunnelRow(CHANNELS.get(f.channel()), f.toSend(), f.sent(), f.delivered(),
                    f.read(), f.failed(), f.optedOut(), f.skipped())).toList();
            return new Progress(b.id, b.state.label(), polling, done, toSend, percent, rows, chart(b.id, funnel));
        });
    }

    /** The funnel as bars: one group per stage, one series per channel; a bar opens its recipients. */
    private String chart(UUID id, List<Funnel> funnel) {
        List<DeliveryStatus> linked = List.of(DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ,
                DeliveryStatus.FAILED, DeliveryStatus.OPTED_OUT, DeliveryStatus.SKIPPED);
        List<Charts.Series> series = funnel.stream().map(f -> {
            long[] values = {f.toSend(), f.sent(), f.delivered(), f.read(), f.failed(), f.optedOut(), f.skipped()};
            List<Charts.Point> points = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                String link = i == 0 ? "/console/broadcasts/" + id + "#recipients" : "/console/broadcasts/" + id + "?status=" + linked.get(i) + "#recipients";
                points.add(new Charts.Point(BigDecimal.valueOf(values[i]), values[i], f.toSend(), link));
            }
            return new Charts.Series(CHANNELS.get(f.channel()), points);
        }).toList();
        return new Charts.Chart(Charts.Kind.BARS, false, STAGES, series).json(json);
    }

    @POST
    @Path("{id}/approve")
    public Uni<Response> approve(@PathParam("id") UUID id) {
        return broadcasts.command(id, BroadcastCommand.APPROVE, frames.caller())
                .map(b -> Response.ok().header("HX-Redirect", "/console/broadcasts/" + id).build());
    }

    /** 发布到常见问题: an answered question, in the words the office edited, goes under the policy in the mini-program. */
    @POST
    @Path("{id}/faq")
    public Uni<Response> publish(@PathParam("id") UUID id, @FormParam("caseId") UUID caseId, @FormParam("question") String question,
            @FormParam("answer") String answer) {
        return broadcasts.find(id).chain(b -> faq.publish(b.id, caseId, question, answer, frames.caller().username()))
                // The page reloads where it is (its filters kept): a redirect to its own address plus #questions would
                // only move to the anchor, not reload.
                .map(entry -> Response.ok().header("HX-Refresh", "true").build());
    }

    /** Every recipient as CSV (RFC 4180), numbers masked as everywhere in the console. */
    @GET
    @Path("{id}/recipients.csv")
    @Produces("text/csv; charset=utf-8")
    public Uni<Response> csv(@PathParam("id") UUID id) {
        return broadcasts.find(id).chain(b -> deliveries.recipients(id, null, 0, 0)).map(page -> {
            String body = "姓名,手机号,村,渠道,状态,说明,时间\r\n" + page.items().stream().map(this::row)
                    .map(r -> String.join(",", CaseCsv.field(r.name()), CaseCsv.field(r.phone()), CaseCsv.field(r.village()),
                            CaseCsv.field(r.channel()), CaseCsv.field(r.status()), CaseCsv.field(r.detail()), CaseCsv.field(r.at())))
                    .collect(Collectors.joining("\r\n", "", "\r\n"));
            return Response.ok(body).header("Content-Disposition", "attachment; filename=\"broadcast-" + id + "-recipients.csv\"").build();
        });
    }
}
