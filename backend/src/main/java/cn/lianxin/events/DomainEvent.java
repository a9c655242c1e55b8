package cn.lianxin.events;

/**
 * A fact that other stages react to. The aggregate id is the Kafka key, so one aggregate's events stay in order.
 * {@link #type()} is part of the contract with every consumer ("case.replied"): it never follows a class name.
 */
public interface DomainEvent {

    String type();

    String aggregateType();

    String aggregateId();

    String topic();
}
