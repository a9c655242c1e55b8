package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.bookings.Booking;
import cn.lianxin.bookings.domain.BookingState;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.cases.CaseScope;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.notifications.RepresentativeWeCom;
import cn.lianxin.visits.VisitCoverage;
import cn.lianxin.visits.VisitRecords;
import cn.lianxin.visits.VisitTexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a member's text or tap does. Taps run lifecycle commands as the member (the same authorization as the
 * API) and then update the tapped card; a tap on a case that has moved on only shows where it stands. Texts are
 * the commands in {@link WeComCommands}; every answer goes back through the outbound pipeline, keyed by the
 * incoming message.
 */
@ApplicationScoped
class WeComDesk {

    private static final Set<CaseState> OPEN = EnumSet.of(CaseState.REGISTERED, CaseState.RECEIVED, CaseState.IN_PROGRESS);
    /** A case number's tail such as 0042 or 20261127-0042: digits and dashes only, so it is safe in LIKE. */
    private static final Pattern SUFFIX = Pattern.compile("[0-9][0-9-]{1,20}");
    private static final int SUFFIX_CANDIDATES = 5;
    private static final int LIST_LIMIT = 20;

    /** A stored callback, as processing needs it. */
    record Inbound(long id, String payload, boolean sandbox) {
        UUID key() {
            return UUID.nameUUIDFromBytes(("wecom-inbound-" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final CaseLifecycle lifecycle;
    private final VisitRecords visits;
    private final VisitCoverage coverage;
    private final RepresentativeWeCom answers;
    private final WeComSettings settings;
    private final ZoneId townZone;
    private final Clock clock;

    WeComDesk(CaseLifecycle lifecycle, VisitRecords visits, VisitCoverage coverage, RepresentativeWeCom answers, WeComSettings settings,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone, Clock clock) {
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.visits = visits;
        this.coverage = coverage;
        this.answers = answers;
        this.settings = settings;
        this.townZone = townZone;
    }

    /** Someone who is not a member: one polite refusal to their user id, nothing else. */
    Uni<String> stranger(Inbound in, WxCpXmlMessage message) {
        return answers.answerStranger(in.key(), message.getFromUserName(), WeComTexts.STRANGER, in.sandbox()).replaceWith("stranger: refused");
    }

    Uni<String> text(Inbound in, WxCpXmlMessage message, Members.Member member) {
        return command(in, message, member).onFailure(Ambiguous.class)
                .recoverWithUni(e -> answer(in, member, null, e.getMessage(), "ambiguous case reference"));
    }

    private Uni<String> command(Inbound in, WxCpXmlMessage message, Members.Member member) {
        WeComCommands.Command command = WeComCommands.read(message.getContent());
        if (command instanceof WeComCommands.Reply reply) {
            return resolve(reply.caseRef(), member).chain(found -> found.map(c -> replyTo(in, c, reply.text(), member))
                    .orElseGet(() -> notFound(in, reply.caseRef(), member)));
        }
        if (command instanceof WeComCommands.Show show) {
            return resolve(show.caseRef(), member).chain(found -> found
                    .map(c -> answer(in, member, c.id, WeComTexts.show(c, townZone), "show " + c.number))
                    .orElseGet(() -> notFound(in, show.caseRef(), member)));
        }
        if (command instanceof WeComCommands.RecordVisit visit) {
            return recordVisit(in, member, visit);
        }
        if (command instanceof WeComCommands.WeekPlan) {
            VisitCoverage.Period week = coverage.periodOf(visits.today());
            return coverage.plans(member.caller(), week.from(), week.to())
                    .chain(plans -> answer(in, member, null, VisitTexts.plan(week, plans), "week plan of " + plans.size()));
        }
        if (command instanceof WeComCommands.Revisit revisit) {
            return resolve(revisit.caseRef(), member).chain(found -> found.map(c -> revisit(in, c, revisit, member))
                    .orElseGet(() -> notFound(in, revisit.caseRef(), member)));
        }
        if (command instanceof WeComCommands.Mine) {
            return Case.<Case>find("representativeId = ?1 and state in ?2 order by registeredAt", member.representative().id, OPEN)
                    .page(0, LIST_LIMIT).list()
                    .chain(open -> answer(in, member, null, WeComTexts.mine(open), "list of " + open.size()));
        }
        if (command instanceof WeComCommands.Receptions) {
            OffsetDateTime today = LocalDate.ofInstant(clock.instant(), townZone).atStartOfDay(townZone).toOffsetDateTime();
            return Booking.<Booking>find("representativeId = ?1 and state in ?2 and startsAt >= ?3 and startsAt < ?4 order by startsAt",
                            member.representative().id, BookingState.OPEN, today, today.plusDays(7))
                    .page(0, LIST_LIMIT).list()
                    .chain(booked -> answer(in, member, null, WeComTexts.receptions(booked, townZone), "receptions: " + booked.size()));
        }
        return answer(in, member, null, WeComTexts.HELP, "help");
    }

    Uni<String> tap(Inbound in, WxCpXmlMessage message, Members.Member member) {
        Optional<UUID> caseId = Cards.caseOf(message.getTaskId());
        Optional<Cards.Button> button = Cards.Button.of(message.getEventKey());
        if (caseId.isEmpty() || button.isEmpty()) {
            return Uni.createFrom().item("tap on an unknown card or button");
        }
        return lifecycle.visible(caseId.get(), member.caller())
                // Out of the member's scope: the card says so, nothing else happens.
                .onFailure(CaseRejected.class).recoverWithNull()
                .chain(c -> {
                    if (c == null) {
                        return card(in, message, null, "诉求不可见").replaceWith("tap on a case out of scope");
                    }
                    return switch (button.get()) {
                        case SIGN_FOR -> Transitions.allows(member.caller(), c, CommandKind.SIGN_FOR)
                                ? execute(c, new CaseCommand.SignFor(), member)
                                        .chain(signed -> card(in, message, c.id, "已签收")).replaceWith("signed for " + c.number)
                                : standing(in, message, c, member);
                        case ON_THE_SPOT -> onTheSpot(in, message, c, member);
                        case ESCALATE, TRANSFER -> answer(in, member, c.id, WeComTexts.needsWorkbench(c, button.get().text,
                                settings.workbenchUrl().map(url -> Cards.caseLink(url, c.id)).orElse("连心桥工作台")),
                                "pointed to the workbench for " + button.get().text);
                    };
                });
    }

    /** 当场办结: signs for the case if need be and chooses 小事当场办; the reply follows by text or the workbench. */
    private Uni<String> onTheSpot(Inbound in, WxCpXmlMessage message, Case c, Members.Member member) {
        boolean signFirst = Transitions.allows(member.caller(), c, CommandKind.SIGN_FOR);
        if (!signFirst && !Transitions.allows(member.caller(), c, CommandKind.CHOOSE_HANDLING)) {
            return standing(in, message, c, member);
        }
        CaseCommand choose = new CaseCommand.ChooseHandling(HandlingClass.ON_THE_SPOT);
        Uni<Case> signed = signFirst ? execute(c, new CaseCommand.SignFor(), member) : Uni.createFrom().item(c);
        return signed.chain(s -> execute(c, choose, member))
                .chain(handled -> card(in, message, c.id, "已签收·当场办"))
                .replaceWith("on the spot: " + c.number);
    }

    /** The case moved on (signed, transferred, replied): the card shows where it stands, nothing is done. */
    private Uni<String> standing(Inbound in, WxCpXmlMessage message, Case c, Members.Member member) {
        String label = mine(c, member) ? "当前：" + c.state.label() : "已转他人办理";
        return card(in, message, c.id, label).replaceWith("tap on a case that moved on: " + label);
    }

    /** The card update goes out after commit, so a tap that is rolled back leaves its card as it was. */
    private Uni<Void> card(Inbound in, WxCpXmlMessage message, UUID caseId, String outcome) {
        if (message.getResponseCode() == null) {
            return Uni.createFrom().voidItem();
        }
        return answers.updateCard(in.key(), message.getFromUserName(), caseId, message.getResponseCode(), outcome, in.sandbox());
    }

    /** A text command failed for good: the member is told why instead of waiting for an answer that never comes. */
    Uni<Void> failed(Inbound in, WxCpXmlMessage message, Members.Member member, int attempts, String reason) {
        UUID key = UUID.nameUUIDFromBytes(("wecom-inbound-" + in.id() + "-parked-" + attempts).getBytes(StandardCharsets.UTF_8));
        return answers.answer(key, member.representative().id, null, WeComTexts.failed(message.getContent(), reason));
    }

    private Uni<String> replyTo(Inbound in, Case c, String text, Members.Member member) {
        return Transitions.refusal(member.caller(), c, CommandKind.REPLY)
                .map(refusal -> answer(in, member, c.id, WeComTexts.cannotReply(c, refusal), "reply refused in " + c.state))
                .orElseGet(() -> execute(c, new CaseCommand.Reply(text), member)
                        .chain(replied -> answer(in, member, c.id, WeComTexts.replied(replied), "replied to " + c.number)));
    }

    /**
     * 走访 by text: the village by name among the member's contact villages and their workstation's, today's date,
     * each issue after 反映 a case of theirs. A refusal (already recorded today, say) is answered and writes nothing.
     */
    private Uni<String> recordVisit(Inbound in, Members.Member member, WeComCommands.RecordVisit visit) {
        Representative rep = member.representative();
        return Workstation.<Workstation>findById(rep.workstationId).chain(workstation -> {
            Set<Long> candidates = new HashSet<>(rep.contactVillageIds);
            if (workstation != null) {
                candidates.addAll(workstation.villageIds);
            }
            return Village.<Village>list("id in ?1 and active = true order by id", candidates);
        }).chain(villages -> {
            Optional<Village> village = villages.stream().filter(v -> v.name.equals(visit.village())).findFirst();
            if (village.isEmpty()) {
                List<String> contact = villages.stream().filter(v -> rep.contactVillageIds.contains(v.id)).map(v -> v.name).toList();
                return answer(in, member, null, WeComTexts.unknownVillage(visit.village(), contact), "visit: unknown village");
            }
            List<VisitRecords.Issue> issues = visit.issues().stream().map(text -> new VisitRecords.Issue(text, null, null, null, false)).toList();
            return visits.record(member.caller(), new VisitRecords.RecordVisit(rep.id, village.get().id, visits.today(), visit.metWith(),
                            visit.summary(), issues, List.of()), Channel.WECOM)
                    .chain(recorded -> Case.<Case>list("id in ?1 order by number", recorded.caseIds()))
                    .chain(cases -> answer(in, member, null, VisitTexts.recorded(village.get().name, cases.stream().map(c -> c.number).toList()),
                            "visit recorded with " + cases.size() + " cases"))
                    .onFailure(ApiException.class).recoverWithUni(e -> answer(in, member, null,
                            WeComTexts.visitRefused(((ApiException) e).problem()), "visit refused"));
        });
    }

    /** 回访 by text: the outcome given to the case, as the lifecycle allows. */
    private Uni<String> revisit(Inbound in, Case c, WeComCommands.Revisit revisit, Members.Member member) {
        return Transitions.refusal(member.caller(), c, CommandKind.REVISIT)
                .map(refusal -> answer(in, member, c.id, WeComTexts.cannotRevisit(c, refusal), "revisit refused in " + c.state))
                .orElseGet(() -> execute(c, new CaseCommand.Revisit(revisit.outcome(), revisit.text()), member)
                        .chain(done -> answer(in, member, c.id, WeComTexts.revisited(done), "revisited " + c.number)));
    }

    /** A command as the member, recorded as given on WeCom. */
    private Uni<Case> execute(Case c, CaseCommand command, Members.Member member) {
        return lifecycle.execute(c.id, command, member.caller(), Channel.WECOM);
    }

    /** By full number among the cases the member may see, else by an unambiguous tail among their own. */
    private Uni<Optional<Case>> resolve(String ref, Members.Member member) {
        Filters exact = CaseScope.visibleTo(member.caller()).with("number = :number", "number", ref);
        return Case.<Case>find(exact.where("id"), exact.parameters()).firstResult().chain(found -> {
            if (found != null || !SUFFIX.matcher(ref).matches()) {
                return Uni.createFrom().item(Optional.ofNullable(found));
            }
            return Case.<Case>find("representativeId = ?1 and number like ?2 order by registeredAt desc", member.representative().id,
                    "%-" + ref.replaceFirst("^-", "")).page(0, SUFFIX_CANDIDATES).list()
                    .map(matches -> matches.size() == 1 ? Optional.of(matches.get(0)) : ambiguousOrNone(ref, matches));
        });
    }

    private static Optional<Case> ambiguousOrNone(String ref, List<Case> matches) {
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        throw new Ambiguous(WeComTexts.ambiguous(ref, matches));
    }

    /** Several of the member's cases end in the same digits; the answer lists them. */
    static final class Ambiguous extends RuntimeException {
        Ambiguous(String answer) {
            super(answer);
        }
    }

    private Uni<String> notFound(Inbound in, String ref, Members.Member member) {
        return answer(in, member, null, WeComTexts.notFound(ref), "case not found");
    }

    private Uni<String> answer(Inbound in, Members.Member member, UUID caseId, String body, String outcome) {
        return answers.answer(in.key(), member.representative().id, caseId, body).replaceWith(outcome);
    }

    private static boolean mine(Case c, Members.Member member) {
        return member.representative().id.equals(c.representativeId);
    }

}
