package cn.lianxin.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaServiceTest {

    @Test
    void producedRecordIsConsumedAndKeptAcrossRestart() throws Exception {
        StackLayout layout = new StackLayout(TestSupport.stackDir("kafka"));
        int port = TestSupport.freeKafkaPort();
        String bootstrap = "127.0.0.1:" + port;

        KafkaService first = new KafkaService(layout, port, TestSupport.classpath());
        TopicPartition partition;
        String clusterId;
        try {
            first.start();
            partition = produce(bootstrap, "sms.outbound", "13800000000", "ni hao");
            assertThat(consumeAll(bootstrap, partition)).containsExactly("ni hao");
            clusterId = clusterId(bootstrap);
        } finally {
            first.stop();
        }
        assertThat(Ports.isListening(port)).isFalse();

        KafkaService second = new KafkaService(layout, port, TestSupport.classpath());
        try {
            second.start();
            assertThat(clusterId(bootstrap)).isEqualTo(clusterId);
            assertThat(consumeAll(bootstrap, partition)).containsExactly("ni hao");
        } finally {
            second.stop();
        }
    }

    private static TopicPartition produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, key, value)).get();
            return new TopicPartition(sent.topic(), sent.partition());
        }
    }

    /** Reads the partition from the start without a consumer group: the test is about the broker, not groups. */
    private static List<String> consumeAll(String bootstrap, TopicPartition partition) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(20);
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.describeCluster().clusterId().get();
        }
    }
}
