package cn.lianxin.channels.wecom;

import cn.lianxin.cases.domain.RevisitOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a representative's text in the app asks for: 回复 / 查 / 列表 / 接待 / 走访 / 本周走访 / 回访, or anything else (help). */
final class WeComCommands {

    sealed interface Command permits Reply, Show, Mine, Receptions, RecordVisit, WeekPlan, Revisit, Help {
    }

    /** 回复 0042 路灯已报修: the reply to the resident. */
    record Reply(String caseRef, String text) implements Command {
    }

    /** 查 0042: where the case stands. */
    record Show(String caseRef) implements Command {
    }

    /** 列表: my open cases. */
    record Mine() implements Command {
    }

    /** 接待: my booked video calls, today's first (issue 13). */
    record Receptions() implements Command {
    }

    /** 走访 东村 村支书等5人 了解春耕；反映：桥栏杆断了；路灯不亮 — each issue after 反映 becomes a case. */
    record RecordVisit(String village, String metWith, String summary, List<String> issues) implements Command {
    }

    /** 本周走访: the contact villages due this period. */
    record WeekPlan() implements Command {
    }

    /** 回访 0042 已落实 居民说路灯已经亮了. */
    record Revisit(String caseRef, RevisitOutcome outcome, String text) implements Command {
    }

    record Help() implements Command {
    }

    // Half- and full-width spaces both separate words on a phone keyboard.
    private static final Pattern REPLY = Pattern.compile("^回复[\\s\\u3000]+([^\\s\\u3000]+)[\\s\\u3000]+(.+)$", Pattern.DOTALL);
    private static final Pattern SHOW = Pattern.compile("^查[\\s\\u3000]*([^\\s\\u3000]+)$");
    private static final Pattern VISIT = Pattern.compile(
            "^走访[\\s\\u3000]+([^\\s\\u3000]+)[\\s\\u3000]+([^\\s\\u3000]+)[\\s\\u3000]+(.+)$", Pattern.DOTALL);
    private static final Pattern RAISED = Pattern.compile("反映[：:]");
    private static final Pattern ISSUE_SEPARATOR = Pattern.compile("[；;\\n]");
    private static final Pattern REVISIT = Pattern.compile(
            "^回访[\\s\\u3000]+([^\\s\\u3000]+)[\\s\\u3000]+(已落实|未落实|未联系上)[\\s\\u3000]*(.*)$", Pattern.DOTALL);
    private static final Map<String, RevisitOutcome> OUTCOMES = Map.of("已落实", RevisitOutcome.CARRIED_OUT,
            "未落实", RevisitOutcome.NOT_CARRIED_OUT, "未联系上", RevisitOutcome.NOT_REACHED);

    private WeComCommands() {
    }

    static Command read(String content) {
        String text = content == null ? "" : content.strip();
        Matcher reply = REPLY.matcher(text);
        if (reply.matches() && !reply.group(2).isBlank()) {
            return new Reply(reply.group(1), reply.group(2).strip());
        }
        Matcher show = SHOW.matcher(text);
        if (show.matches()) {
            return new Show(show.group(1));
        }
        Matcher visit = VISIT.matcher(text);
        if (visit.matches()) {
            String[] parts = RAISED.split(visit.group(3), 2);
            List<String> issues = parts.length < 2 ? List.of()
                    : Arrays.stream(ISSUE_SEPARATOR.split(parts[1])).map(String::strip).filter(i -> !i.isEmpty()).toList();
            String summary = parts[0].strip().replaceAll("[；;，,]+$", "");
            return new RecordVisit(visit.group(1), visit.group(2), summary.isEmpty() ? "走访" : summary, issues);
        }
        Matcher revisit = REVISIT.matcher(text);
        if (revisit.matches()) {
            String words = revisit.group(3).strip();
            return new Revisit(revisit.group(1), OUTCOMES.get(revisit.group(2)), words.isEmpty() ? revisit.group(2) : words);
        }
        return switch (text) {
            case "列表" -> new Mine();
            case "接待" -> new Receptions();
            case "本周走访" -> new WeekPlan();
            default -> new Help();
        };
    }
}
