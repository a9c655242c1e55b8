package cn.lianxin.cases.domain;

import cn.lianxin.events.DomainEvent;
import cn.lianxin.events.Outbox;
import java.util.UUID;

/** An event about one case: keyed by the case id on the case-events topic, so a case's events stay in order. */
public interface CaseEvent extends DomainEvent {

    UUID caseId();

    @Override
    default String aggregateType() {
        return "case";
    }

    @Override
    default String aggregateId() {
        return caseId().toString();
    }

    @Override
    default String topic() {
        return Outbox.CASE_EVENTS;
    }
}
