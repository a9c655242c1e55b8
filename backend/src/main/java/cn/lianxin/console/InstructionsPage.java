package cn.lianxin.console;

import cn.lianxin.api.Roles;
import cn.lianxin.cases.AwaitingInstruction;
import cn.lianxin.cases.CaseCommands;
import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.staff.Caller;
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
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 请示: the cases waiting for an instruction, with what was asked and since when, longest waiting first
 * ({@link AwaitingInstruction}). Whoever may record the instruction (the town office, the group leader — the core's
 * {@link Transitions} says) does it here: the RecordInstruction command through {@link CaseCommands}, as the API's
 * command resource gives it. A blank or too long instruction comes back at its field (422); the core's refusals
 * (403, 409) are problem+json, shown in #alert.
 */
@Path("/console/instructions")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class InstructionsPage {

    /** The bound on one page; few cases wait at a time, so this is a guard, not paging. */
    static final int SHOWN = 200;
    /** As the API's {@code TextRequest}. */
    static final int MAX_LENGTH = 2000;

    public record Item(CaseCards.Card card, String request, String since, String waited, boolean mayInstruct) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance waiting(Frame frame, List<Item> items, long total);

        static native TemplateInstance form(UUID caseId, String text, String error);

        static native TemplateInstance recorded(String number, String representative);
    }

    private final CaseCards cards;
    private final CaseCommands commands;
    private final Frame.Frames frames;
    private final Clock clock;

    public InstructionsPage(CaseCards cards, CaseCommands commands, Frame.Frames frames, Clock clock) {
        this.cards = cards;
        this.commands = commands;
        this.frames = frames;
        this.clock = clock;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> waiting() {
        Frame frame = frames.of("instructions");
        Caller caller = frame.caller();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return AwaitingInstruction.oldestFirst(caller, SHOWN).chain(slice -> cards.of(slice.cases().stream().map(w -> w.c()).toList())
                .map(list -> {
                    List<Item> items = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        AwaitingInstruction.Waiting w = slice.cases().get(i);
                        items.add(new Item(list.get(i), w.request(), cards.at(w.since()), CaseCards.span(Duration.between(w.since(), now)),
                                Transitions.allows(caller, w.c(), CommandKind.RECORD_INSTRUCTION)));
                    }
                    return Templates.waiting(frame, items, slice.total());
                }));
    }

    /** 批示: records the instruction; the card gives way to a notice that the case is back with its representative. */
    @POST
    @Path("{id}")
    @WithSession
    public Uni<Response> record(@PathParam("id") UUID id, @FormParam("instruction") String instruction) {
        Frame frame = frames.of("instructions");
        String text = instruction == null ? "" : instruction.strip();
        if (text.isEmpty()) {
            return Uni.createFrom().item(invalid(id, text, "请填写批示内容"));
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return Uni.createFrom().item(invalid(id, text, "批示不能超过 " + MAX_LENGTH + " 字"));
        }
        return commands.give(id, new CaseCommand.RecordInstruction(text), frame.caller())
                .chain(c -> (c.representativeId == null ? Uni.createFrom().<Representative>nullItem()
                        : Representative.<Representative>findById(c.representativeId))
                        .map(r -> Fragments.ok(Templates.recorded(c.number, r == null ? null : r.name))))
                .onFailure(e -> FieldProblems.of(e).isPresent())
                .recoverWithItem(e -> invalid(id, text, FieldProblems.of(e).get()));
    }

    private static Response invalid(UUID id, String text, String error) {
        return Fragments.invalid("#instruct-" + id, "outerHTML", Templates.form(id, text, error));
    }

}
