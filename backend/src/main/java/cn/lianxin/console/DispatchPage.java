package cn.lianxin.console;

import cn.lianxin.api.Roles;
import cn.lianxin.cases.CaseCommands;
import cn.lianxin.cases.DispatchCandidates;
import cn.lianxin.cases.DispatchQueue;
import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.routing.RoutingPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 派单: the cases routing could not place, oldest first, each with why; "分派" shows the routing policy's best
 * candidates with their points and reason lines ({@link DispatchCandidates}, as the API's candidates), and choosing
 * one gives the case the Assign command ({@link CaseCommands}, as the API's command resource does). The assigned
 * case's card is replaced by a notice naming the representative.
 */
@Path("/console/dispatch")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class DispatchPage {

    /** The queue's first cases shown at once; a longer queue says how many more wait. */
    static final int SHOWN = 100;

    /** A candidate as the liaison weighs them. */
    public record Choice(long representativeId, String name, String workstation, boolean groupLeader, String score,
            List<String> reasons) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Frame frame, List<CaseCards.Card> cards, long total, String waiting);

        static native TemplateInstance candidates(UUID caseId, List<Choice> choices, String problem);

        static native TemplateInstance assigned(String number, String representative, String workstation);
    }

    private final CaseCards cards;
    private final DispatchCandidates candidates;
    private final CaseCommands commands;
    private final Frame.Frames frames;
    private final Clock clock;
    private final ZoneId townZone;

    public DispatchPage(CaseCards cards, DispatchCandidates candidates, CaseCommands commands, Frame.Frames frames, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.cards = cards;
        this.candidates = candidates;
        this.commands = commands;
        this.frames = frames;
        this.clock = clock;
        this.townZone = townZone;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> queue() {
        Frame frame = frames.of("dispatch");
        OffsetDateTime now = OffsetDateTime.now(clock);
        return DispatchQueue.oldestFirst(frame.caller(), townZone, now, SHOWN)
                .chain(slice -> cards.of(slice.cases()).map(list -> Templates.queue(frame, list, slice.total(),
                        slice.cases().isEmpty() ? "" : CaseCards.span(Duration.between(slice.cases().get(0).registeredAt, now)))));
    }

    /** The panel under a case: its best candidates, or why there are none to show. */
    @GET
    @Path("{id}/candidates")
    @WithSession
    public Uni<TemplateInstance> candidates(@PathParam("id") UUID id) {
        return panel(id, frames.of("dispatch"), null);
    }

    /**
     * 分派 to the chosen representative. A choice the lifecycle finds invalid (another workstation's, deactivated) comes
     * back as the candidates panel with the reason, 422, in place of the panel; other refusals are problem+json for #alert.
     */
    @POST
    @Path("{id}/assign")
    @WithSession
    public Uni<Response> assign(@PathParam("id") UUID id, @FormParam("representativeId") Long representativeId) {
        Frame frame = frames.of("dispatch");
        if (representativeId == null) {
            return again(id, frame, "请选择一位党代表");
        }
        return commands.give(id, new CaseCommand.Assign(representativeId), frame.caller())
                .chain(c -> Representative.<Representative>findById(c.representativeId)
                        .chain(r -> Workstation.<Workstation>findById(c.workstationId)
                                .map(w -> Fragments.ok(Templates.assigned(c.number, r.name, w.name)))))
                .onFailure(e -> FieldProblems.of(e).isPresent())
                .recoverWithUni(e -> again(id, frame, "不能分派给这位党代表：" + FieldProblems.of(e).get()));
    }

    private Uni<TemplateInstance> panel(UUID id, Frame frame, String problem) {
        return candidates.top(id, frame.caller()).chain(this::choices)
                .map(choices -> Templates.candidates(id, choices, problem))
                // A case without a village has no candidates yet: the panel says what to do first.
                .onFailure(e -> FieldProblems.of(e).isPresent())
                .recoverWithItem(e -> Templates.candidates(id, List.of(), FieldProblems.of(e).get()));
    }

    private Uni<Response> again(UUID id, Frame frame, String problem) {
        return panel(id, frame, problem).map(panel -> Fragments.invalid("#assign-" + id, "innerHTML", panel));
    }


    private Uni<List<Choice>> choices(List<RoutingPolicy.Scored> ranked) {
        List<Long> workstationIds = ranked.stream().map(s -> s.candidate().workstationId()).distinct().toList();
        Uni<Map<Long, String>> names = workstationIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : Workstation.<Workstation>list("id in ?1", workstationIds)
                        .map(list -> list.stream().collect(Collectors.toMap(w -> w.id, w -> w.name)));
        return names.map(workstations -> ranked.stream().map(s -> new Choice(s.candidate().representativeId(), s.candidate().name(),
                workstations.getOrDefault(s.candidate().workstationId(), ""), s.candidate().groupLeader(),
                s.score().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(), s.reasons())).toList());
    }
}
