package cn.lianxin.sms.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.sms.keywords.Reading.FeedbackAnswer;
import cn.lianxin.sms.keywords.Reading.FreeText;
import cn.lianxin.sms.keywords.Reading.OptOut;
import cn.lianxin.sms.keywords.Reading.StatusQuery;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keyword table of docs/DECISIONS.md, row by row: what a resident texts → what it means. */
class KeywordGrammarTest {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "1|SATISFIED",
            "2|BASICALLY_SATISFIED",
            "3|UNSATISFIED",
            "１|SATISFIED",
            "２|BASICALLY_SATISFIED",
            "３|UNSATISFIED",
            " １ |SATISFIED",
            "\u30002\u3000|BASICALLY_SATISFIED",
            "1。|SATISFIED",
            "3!|UNSATISFIED",
            "满意|SATISFIED",
            "基本满意|BASICALLY_SATISFIED",
            "不满意|UNSATISFIED",
            "不满意！|UNSATISFIED",
            "滿意|SATISFIED",
            "基本滿意|BASICALLY_SATISFIED",
            "不滿意。|UNSATISFIED",
            "1满意|SATISFIED",
            "2基本满意|BASICALLY_SATISFIED",
            "3不满意|UNSATISFIED",
    })
    void shouldReadAFeedbackAnswer(String text, Rating rating) {
        assertThat(KeywordGrammar.read(text)).isEqualTo(new FeedbackAnswer(rating));
    }

    @ParameterizedTest(name = "\"{0}\" → status of {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, nullValues = "-", value = {
            "查|-",
            "查询|-",
            "查詢|-",
            " 查？|-",
            "查询。|-",
            "查 SG-20261127-0042|SG-20261127-0042",
            "查SG-20261127-0042|SG-20261127-0042",
            "查询sg-20261127-0042|SG-20261127-0042",
            "查詢 SG-20261127-0042。|SG-20261127-0042",
            "查\u3000ＳＧ－２０２６１１２７－００４２|SG-20261127-0042",
            "查询：SG-20261127-0042|SG-20261127-0042",
            "查 SG-20261127-10042|SG-20261127-10042",
    })
    void shouldReadAStatusQuery(String text, String caseNumber) {
        assertThat(KeywordGrammar.read(text)).isEqualTo(new StatusQuery(Optional.ofNullable(caseNumber)));
    }

    @ParameterizedTest(name = "\"{0}\" → opt out")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "R", "r", "T", "t", "TD", "td", "Td", " TD。", "ＴＤ", "退订", "退訂", "退订！",
    })
    void shouldReadAnOptOut(String text) {
        assertThat(KeywordGrammar.read(text)).isEqualTo(new OptOut());
    }

    @ParameterizedTest(name = "\"{0}\" → free text")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "11",
            "12",
            "4",
            "0",
            "1 2",
            "1不满意",
            "我不满意这个答复",
            "非常满意",
            "满意满意",
            "查一下路灯",
            "查 SG-2026-0042",
            "查 SG-20261127-0042 谢谢",
            "RT",
            "退",
            "退订短信",
            "村口的路灯坏了三个月了",
            "。",
            "！？",
    })
    void shouldKeepEverythingElseAsFreeTextExactlyAsReceived(String text) {
        assertThat(KeywordGrammar.read(text)).isEqualTo(new FreeText(text));
    }
}
