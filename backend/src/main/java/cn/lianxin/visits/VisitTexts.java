package cn.lianxin.visits;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** What a representative reads about their visits on WeCom: the week's plan, a revisit task, and the answer to a recorded visit. */
public final class VisitTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

    private VisitTexts() {
    }

    /** 本周走访: the contact villages due this period, those already visited marked. */
    public static String plan(VisitCoverage.Period period, List<VisitCoverage.PlannedVisit> plans) {
        String when = DAY.format(period.from()) + "—" + DAY.format(period.to());
        if (plans.isEmpty()) {
            return "【连心桥】本周走访（" + when + "）：本周没有需要走访的联系村。";
        }
        String villages = plans.stream().map(p -> p.village() + (p.made() ? "（已走访）" : "")).distinct().collect(Collectors.joining("、"));
        return "【连心桥】本周走访（" + when + "，" + DAY.format(plans.get(0).dueOn()) + "起）：" + villages
                + "。走访后发送「走访 村名 见了谁，谈了什么」记录，或在连心桥工作台填写。";
    }

    /** 回访任务: a case handled by the representative comes back to them to ask the resident whether it was carried out. */
    public static String revisitDue(String caseNumber, String text, LocalDate dueOn, boolean unsatisfied) {
        String excerpt = text.length() > 30 ? text.substring(0, 30) + "…" : text;
        return "【连心桥】回访任务：诉求 " + caseNumber + "（" + excerpt + "）" + (unsatisfied ? "居民不满意，" : "") + "请在 " + DAY.format(dueOn)
                + " 前回访居民，问问是否真正落实。回访后发送「回访 " + caseNumber + " 已落实|未落实|未联系上 居民的话」，或在连心桥工作台记录。";
    }

    /** The answer to 「走访 东村 …」: recorded, and the cases it made. */
    public static String recorded(String village, List<String> caseNumbers) {
        return "已记录 " + village + " 的走访" + (caseNumbers.isEmpty() ? "。" : "，登记诉求 " + String.join("、", caseNumbers)
                + "，由您承办，请及时签收。");
    }
}
