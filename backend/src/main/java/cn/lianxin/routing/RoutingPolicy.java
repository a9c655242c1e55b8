package cn.lianxin.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * 分级负责、均衡编排、就近就便: scores every candidate of the workstations covering the case's village and places
 * the case with the best one. Every point added or taken away becomes a reason line, so the town office can
 * recompute the choice by hand. Plain Java on purpose: the rules are tested without a database or a container.
 */
public final class RoutingPolicy {

    /** Points per match and per open case; {@link RoutingWeights} supplies them from configuration. */
    public record Weights(BigDecimal contactVillage, BigDecimal workField, BigDecimal specialty, BigDecimal sameVillage,
            BigDecimal sameConstituency, BigDecimal perOpenCase) {
        // A negative weight would silently turn a match into a penalty (or reward load); refuse it at startup instead.
        public Weights {
            for (BigDecimal points : List.of(contactVillage, workField, specialty, sameVillage, sameConstituency, perOpenCase)) {
                if (points.signum() < 0) {
                    throw new IllegalArgumentException("routing weights must not be negative: " + points);
                }
            }
        }
    }

    public static final String NO_WORKSTATION = "该村暂无工作室覆盖，转联络员分派";
    public static final String NO_REPRESENTATIVE = "覆盖该村的工作室暂无在岗党代表，转联络员分派";

    /** One candidate weighed for a case: the points and the line for each, as the town office reads them. */
    public record Scored(Candidate candidate, BigDecimal score, List<String> reasons) {
        public Scored {
            reasons = List.copyOf(reasons);
        }
    }

    // Highest score first; between equals the less loaded, then the lower id, so the same facts always give the same answer.
    private static final Comparator<Scored> BEST_FIRST = Comparator.comparing(Scored::score).reversed()
            .thenComparingInt(s -> s.candidate().openCaseLoad())
            .thenComparingLong(s -> s.candidate().representativeId());

    private final Weights weights;

    public RoutingPolicy(Weights weights) {
        this.weights = weights;
    }

    public RoutingDecision decide(CaseFacts facts, List<Candidate> candidates) {
        if (facts.coveringWorkstationIds().isEmpty()) {
            return new RoutingDecision.Unplaced(NO_WORKSTATION);
        }
        List<Scored> ranked = rank(facts, candidates.stream()
                .filter(c -> facts.coveringWorkstationIds().contains(c.workstationId())).toList());
        if (ranked.isEmpty()) {
            return new RoutingDecision.Unplaced(NO_REPRESENTATIVE);
        }
        Scored best = ranked.get(0);
        List<String> reasons = new ArrayList<>(best.reasons());
        if (ranked.size() > 1 && ranked.get(1).score().compareTo(best.score()) == 0) {
            reasons.add(tieBreak(best.candidate(), ranked.get(1).candidate()));
        }
        return new RoutingDecision.Placed(best.candidate().workstationId(), best.candidate().representativeId(),
                best.score().setScale(2, RoundingMode.HALF_UP), reasons);
    }

    /**
     * Every candidate given, best first, by the same points and order as {@link #decide}: what the liaison is shown
     * when they place a case by hand. Unlike {@code decide} it takes whoever it is given — the people the liaison
     * may assign to — not only those of the workstations covering the village, which may have nobody on duty.
     */
    public List<Scored> rank(CaseFacts facts, List<Candidate> candidates) {
        return candidates.stream().map(c -> score(facts, c)).sorted(BEST_FIRST).toList();
    }

    private Scored score(CaseFacts facts, Candidate candidate) {
        List<String> reasons = new ArrayList<>();
        BigDecimal score = BigDecimal.ZERO;
        if (candidate.contactVillageIds().contains(facts.villageId())) {
            score = score.add(weights.contactVillage());
            reasons.add("包抓联系点：" + facts.villageName() + " " + plus(weights.contactVillage()));
        }
        if (candidate.workFields().contains(facts.workField())) {
            score = score.add(weights.workField());
            reasons.add("工作领域匹配：" + facts.categoryName() + " " + plus(weights.workField()));
        }
        Optional<String> specialty = matchingSpecialty(candidate.specialties(), facts.categoryName());
        if (specialty.isPresent()) {
            score = score.add(weights.specialty());
            reasons.add("优势特长匹配：" + specialty.get() + " " + plus(weights.specialty()));
        }
        if (Long.valueOf(facts.villageId()).equals(candidate.residenceVillageId())) {
            score = score.add(weights.sameVillage());
            reasons.add("居住在本村 " + plus(weights.sameVillage()));
        } else if (candidate.constituencyId() == facts.constituencyId()) {
            score = score.add(weights.sameConstituency());
            reasons.add("本村所在选区的代表 " + plus(weights.sameConstituency()));
        }
        if (candidate.openCaseLoad() > 0) {
            BigDecimal penalty = weights.perOpenCase().multiply(BigDecimal.valueOf(candidate.openCaseLoad()));
            score = score.subtract(penalty);
            reasons.add("当前在办 " + candidate.openCaseLoad() + " 件 (−" + points(penalty) + ")");
        } else {
            reasons.add("当前无在办件");
        }
        return new Scored(candidate, score, reasons);
    }

    /**
     * A specialty matches when one text contains the other: "交通" matches the category "道路交通", "医保政策" does
     * not match "医疗保险". Deliberately literal, so a clerk can see at a glance why it matched or not; the
     * category's work field already carries the broad match.
     */
    static Optional<String> matchingSpecialty(List<String> specialties, String categoryName) {
        String category = categoryName.strip();
        if (category.isEmpty()) {
            return Optional.empty();
        }
        return specialties.stream().map(String::strip)
                .filter(s -> !s.isEmpty() && (s.contains(category) || category.contains(s)))
                .findFirst();
    }

    private static String tieBreak(Candidate chosen, Candidate runnerUp) {
        if (chosen.openCaseLoad() < runnerUp.openCaseLoad()) {
            return "与" + runnerUp.name() + "同分，在办件更少";
        }
        return "与" + runnerUp.name() + "同分且在办件数相同，按代表编号先后";
    }

    private static String plus(BigDecimal points) {
        return "(+" + points(points) + ")";
    }

    private static String points(BigDecimal points) {
        return points.stripTrailingZeros().toPlainString();
    }
}
