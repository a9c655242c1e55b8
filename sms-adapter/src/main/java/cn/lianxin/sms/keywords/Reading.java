package cn.lianxin.sms.keywords;

import java.util.Objects;
import java.util.Optional;

/**
 * What an incoming SMS means, as {@link KeywordGrammar#read} understands it. Sealed so that the backend's
 * handler is checked for covering every kind (Java 17: by instanceof, one branch per record).
 */
public sealed interface Reading {

    /** 1 / 2 / 3 or 满意 / 基本满意 / 不满意: an answer to a pending feedback prompt. */
    record FeedbackAnswer(Rating rating) implements Reading {
        public FeedbackAnswer {
            Objects.requireNonNull(rating, "rating");
        }
    }

    /** 查 / 查询, optionally with one case number (upper case, as case numbers are issued). */
    record StatusQuery(Optional<String> caseNumber) implements Reading {
        public StatusQuery {
            Objects.requireNonNull(caseNumber, "caseNumber");
        }
    }

    /** R / T / TD / 退订: no more broadcasts to this number. */
    record OptOut() implements Reading {
    }

    /** Anything else, exactly as received: a new concern or a follow-up on an open case. */
    record FreeText(String text) implements Reading {
        public FreeText {
            Objects.requireNonNull(text, "text");
        }
    }
}
