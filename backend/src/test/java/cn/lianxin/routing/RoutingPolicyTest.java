package cn.lianxin.routing;

import static cn.lianxin.masterdata.WorkField.ENVIRONMENT;
import static cn.lianxin.masterdata.WorkField.GENERAL;
import static cn.lianxin.masterdata.WorkField.ROADS_AND_INFRASTRUCTURE;
import static cn.lianxin.masterdata.WorkField.SOCIAL_SECURITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.lianxin.masterdata.WorkField;
import cn.lianxin.routing.RoutingDecision.Placed;
import cn.lianxin.routing.RoutingDecision.Unplaced;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing rules on a small town. Workstation 100 covers 东村 and 西村 (constituency 10); workstation 200 covers
 * 柳树屯 (constituency 20) but has nobody on duty; no workstation covers 石桥村.
 */
class RoutingPolicyTest {

    private static final RoutingPolicy.Weights DEFAULTS = weights("5");

    private static final long CENTRE = 100;
    private static final long LIUSHUTUN_STATION = 200;
    private static final Village EAST = new Village(1, "东村", 10, Set.of(CENTRE));
    private static final Village WEST = new Village(2, "西村", 10, Set.of(CENTRE));
    private static final Village LIUSHUTUN = new Village(3, "柳树屯", 20, Set.of(LIUSHUTUN_STATION));
    private static final Village SHIQIAO = new Village(4, "石桥村", 20, Set.of());
    private static final long NANWAN = 5;

    private static final Category ROADS = new Category("道路交通", ROADS_AND_INFRASTRUCTURE);
    private static final Category MEDICAL_INSURANCE = new Category("医疗保险", SOCIAL_SECURITY);
    private static final Category LIVING_ENVIRONMENT = new Category("人居环境", ENVIRONMENT);

    // 张国强 answers for 东村 but works in general affairs; 陈明 works on roads and lives in 南湾村; 刘桂兰 knows social
    // security but was elected elsewhere; 孙丽 lives in 西村 and is good at improving the living environment.
    private static final Candidate ZHANG = rep(11, "张国强", 20, null, Set.of(GENERAL), List.of("基层治理"), Set.of(EAST.id()), 0);
    private static final Candidate CHEN = rep(12, "陈明", 10, NANWAN, Set.of(ROADS_AND_INFRASTRUCTURE), List.of("工程建设"), Set.of(), 0);
    private static final Candidate LIU = rep(13, "刘桂兰", 20, null, Set.of(SOCIAL_SECURITY), List.of("医保政策"), Set.of(), 0);
    private static final Candidate SUN = rep(14, "孙丽", 10, WEST.id(), Set.of(), List.of("人居环境整治"), Set.of(), 0);
    private static final List<Candidate> ROSTER = List.of(ZHANG, CHEN, LIU, SUN);

    record Village(long id, String name, long constituencyId, Set<Long> coveredBy) {
    }

    record Category(String name, WorkField workField) {
    }

    private static CaseFacts facts(Village village, Category category) {
        return new CaseFacts(village.id(), village.name(), village.constituencyId(), village.coveredBy(), category.workField(), category.name());
    }

    private static Candidate rep(long id, String name, long constituencyId, Long residenceVillageId, Set<WorkField> fields,
            List<String> specialties, Set<Long> contactVillages, int openCases) {
        return new Candidate(id, name, CENTRE, constituencyId, residenceVillageId, fields, specialties, contactVillages, openCases, false);
    }

    /** Two representatives alike in everything but id and load: roads, constituency 10, no contact village. */
    private static Candidate twin(long id, String name, int openCases) {
        return rep(id, name, 10, null, Set.of(ROADS_AND_INFRASTRUCTURE), List.of(), Set.of(), openCases);
    }

    private static RoutingPolicy.Weights weights(String perOpenCase) {
        return new RoutingPolicy.Weights(new BigDecimal("40"), new BigDecimal("30"), new BigDecimal("10"), new BigDecimal("15"),
                new BigDecimal("5"), new BigDecimal(perOpenCase));
    }

    private static Placed placed(long representativeId, String score, String... reasons) {
        return new Placed(CENTRE, representativeId, new BigDecimal(score), List.of(reasons));
    }

    static Stream<Arguments> town() {
        Candidate busyShen = rep(31, "沈建", 10, null, Set.of(ROADS_AND_INFRASTRUCTURE), List.of("交通"), Set.of(), 2);
        return Stream.of(
                Arguments.of("contact village beats work field", EAST, ROADS, ROSTER,
                        placed(ZHANG.representativeId(), "40.00", "包抓联系点：东村 (+40)", "当前无在办件")),
                Arguments.of("work field beats residence", WEST, MEDICAL_INSURANCE, ROSTER,
                        placed(LIU.representativeId(), "30.00", "工作领域匹配：医疗保险 (+30)", "当前无在办件")),
                Arguments.of("work field, then the village's constituency", WEST, ROADS, ROSTER,
                        placed(CHEN.representativeId(), "35.00", "工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前无在办件")),
                Arguments.of("specialty and residence", WEST, LIVING_ENVIRONMENT, ROSTER,
                        placed(SUN.representativeId(), "25.00", "优势特长匹配：人居环境整治 (+10)", "居住在本村 (+15)", "当前无在办件")),
                Arguments.of("equal twins: the lower id", EAST, ROADS, List.of(twin(22, "乙", 0), twin(21, "甲", 0)),
                        placed(21, "35.00", "工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前无在办件",
                                "与乙同分且在办件数相同，按代表编号先后")),
                Arguments.of("one open case flips the twins", EAST, ROADS, List.of(twin(21, "甲", 1), twin(22, "乙", 0)),
                        placed(22, "35.00", "工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前无在办件")),
                Arguments.of("the less loaded twin, both busy", EAST, ROADS, List.of(twin(21, "甲", 2), twin(22, "乙", 1)),
                        placed(22, "30.00", "工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前在办 1 件 (−5)")),
                Arguments.of("equal scores: the lower load before the lower id", EAST, ROADS, List.of(busyShen, twin(32, "甲", 0)),
                        placed(32, "35.00", "工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前无在办件", "与沈建同分，在办件更少")),
                Arguments.of("no workstation covers the village", SHIQIAO, ROADS, ROSTER, new Unplaced("该村暂无工作室覆盖，转联络员分派")),
                Arguments.of("the covering workstation has nobody on duty", LIUSHUTUN, ROADS, ROSTER,
                        new Unplaced("覆盖该村的工作室暂无在岗党代表，转联络员分派")),
                Arguments.of("no candidates at all", EAST, ROADS, List.of(), new Unplaced("覆盖该村的工作室暂无在岗党代表，转联络员分派")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("town")
    void shouldPlaceEachCaseAsTheRulesSay(String rule, Village village, Category category, List<Candidate> candidates,
            RoutingDecision expected) {
        RoutingPolicy policy = new RoutingPolicy(DEFAULTS);
        List<Candidate> reversed = new ArrayList<>(candidates);
        Collections.reverse(reversed);

        assertThat(policy.decide(facts(village, category), candidates)).isEqualTo(expected);
        assertThat(policy.decide(facts(village, category), reversed)).as("the order of candidates must not matter").isEqualTo(expected);
    }

    @Test
    void shouldRankEveryoneOfferedForAssignmentByTheSamePointsEvenWhereNoWorkstationCoversTheVillage() {
        List<RoutingPolicy.Scored> ranked = new RoutingPolicy(DEFAULTS).rank(facts(SHIQIAO, LIVING_ENVIRONMENT), ROSTER);

        // 石桥村 is in constituency 20: 张国强 and 刘桂兰 earn its points; 孙丽 her specialty; 陈明 nothing.
        assertThat(ranked).extracting(s -> s.candidate().name()).containsExactly("孙丽", "张国强", "刘桂兰", "陈明");
        assertThat(ranked.get(0).score()).isEqualByComparingTo("10");
        assertThat(ranked.get(0).reasons()).containsExactly("优势特长匹配：人居环境整治 (+10)", "当前无在办件");
        assertThat(ranked.get(1).reasons()).containsExactly("本村所在选区的代表 (+5)", "当前无在办件");
        assertThat(ranked.get(3).score()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0} per open case, {1} open → {2}")
    @CsvSource({
            "5,   0, 35.00, 当前无在办件",
            "5,   3, 20.00, 当前在办 3 件 (−15)",
            "2.5, 1, 32.50, 当前在办 1 件 (−2.5)"})
    void shouldTakeTheConfiguredPointsPerOpenCase(String perOpenCase, int openCases, String score, String loadReason) {
        Placed decision = (Placed) new RoutingPolicy(weights(perOpenCase)).decide(facts(EAST, ROADS), List.of(twin(21, "甲", openCases)));

        assertThat(decision.score()).isEqualTo(new BigDecimal(score));
        assertThat(decision.reasons()).last().isEqualTo(loadReason);
    }

    @ParameterizedTest(name = "specialty \"{0}\" vs category \"{1}\" → {2}")
    @CsvSource({
            "交通,         道路交通, 交通",
            "道路交通维护, 道路交通, 道路交通维护",
            "医保政策,     医疗保险, ''",
            "'  ',         道路交通, ''"})
    void shouldMatchASpecialtyWhenOneTextContainsTheOther(String specialty, String category, String expected) {
        assertThat(RoutingPolicy.matchingSpecialty(List.of(specialty), category).orElse("")).isEqualTo(expected);
    }

    @Test
    void shouldRefuseNegativeWeights() {
        assertThatThrownBy(() -> weights("-5")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }
}
