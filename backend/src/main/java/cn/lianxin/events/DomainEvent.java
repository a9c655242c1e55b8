package cn.lianxin.events;

/** A fact that other stages react to. The aggregate id is the Kafka key, so one aggregate's events stay in order. */
public interface DomainEvent {

    String aggregateType();

    String aggregateId();

    String topic();
}
