package cn.lianxin.channels.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text commands as a representative types them on a phone. */
class WeComCommandsTest {

    @Test
    void shouldReadAReplyWithItsCaseAndText() {
        assertThat(WeComCommands.read("回复 0042 路灯已报修，本周五前修好"))
                .isEqualTo(new WeComCommands.Reply("0042", "路灯已报修，本周五前修好"));
        assertThat(WeComCommands.read("  回复\u3000SG-20261127-0042\u3000已处理 \n 谢谢 "))
                .isEqualTo(new WeComCommands.Reply("SG-20261127-0042", "已处理 \n 谢谢"));
    }

    @Test
    void shouldReadAStatusQueryWithOrWithoutASpace() {
        assertThat(WeComCommands.read("查 0042")).isEqualTo(new WeComCommands.Show("0042"));
        assertThat(WeComCommands.read("查0042")).isEqualTo(new WeComCommands.Show("0042"));
    }

    @Test
    void shouldReadTheListAndGiveHelpForAnythingElse() {
        assertThat(WeComCommands.read("列表")).isEqualTo(new WeComCommands.Mine());
        assertThat(WeComCommands.read(" 接待 ")).isEqualTo(new WeComCommands.Receptions());
        assertThat(WeComCommands.read("回复 0042")).isEqualTo(new WeComCommands.Help());
        assertThat(WeComCommands.read("查")).isEqualTo(new WeComCommands.Help());
        assertThat(WeComCommands.read("你好")).isEqualTo(new WeComCommands.Help());
        assertThat(WeComCommands.read("")).isEqualTo(new WeComCommands.Help());
    }

    @Test
    void shouldReadAVisitWithWhomTheyMetWhatTheyHeardAndEachIssueRaised() {
        assertThat(WeComCommands.read("走访 东村 村支书等5人 了解春耕；反映：桥栏杆断了；路灯不亮"))
                .isEqualTo(new WeComCommands.RecordVisit("东村", "村支书等5人", "了解春耕", java.util.List.of("桥栏杆断了", "路灯不亮")));
        assertThat(WeComCommands.read("走访\u3000西村\u3000王大爷\u3000聊了医保"))
                .isEqualTo(new WeComCommands.RecordVisit("西村", "王大爷", "聊了医保", java.util.List.of()));
        assertThat(WeComCommands.read("走访 东村")).isEqualTo(new WeComCommands.Help());
        assertThat(WeComCommands.read("本周走访")).isEqualTo(new WeComCommands.WeekPlan());
    }

    @Test
    void shouldReadARevisitWithItsOutcome() {
        assertThat(WeComCommands.read("回访 0042 已落实 居民说路灯亮了"))
                .isEqualTo(new WeComCommands.Revisit("0042", cn.lianxin.cases.domain.RevisitOutcome.CARRIED_OUT, "居民说路灯亮了"));
        assertThat(WeComCommands.read("回访 0042 未联系上"))
                .isEqualTo(new WeComCommands.Revisit("0042", cn.lianxin.cases.domain.RevisitOutcome.NOT_REACHED, "未联系上"));
        assertThat(WeComCommands.read("回访 0042 还行")).isEqualTo(new WeComCommands.Help());
    }
}
