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
}
