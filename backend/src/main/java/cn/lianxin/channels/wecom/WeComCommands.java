package cn.lianxin.channels.wecom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a representative's text in the app asks for: 回复 / 查 / 列表 / 接待, or anything else (help). */
final class WeComCommands {

    sealed interface Command permits Reply, Show, Mine, Receptions, Help {
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

    record Help() implements Command {
    }

    // Half- and full-width spaces both separate words on a phone keyboard.
    private static final Pattern REPLY = Pattern.compile("^回复[\\s\\u3000]+([^\\s\\u3000]+)[\\s\\u3000]+(.+)$", Pattern.DOTALL);
    private static final Pattern SHOW = Pattern.compile("^查[\\s\\u3000]*([^\\s\\u3000]+)$");

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
        if (text.equals("接待")) {
            return new Receptions();
        }
        return text.equals("列表") ? new Mine() : new Help();
    }
}
