package cn.lianxin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads what really reached the case-events topic, with a consumer of its own (not the application's). */
@ApplicationScoped
public class KafkaRecords {

    private final String bootstrapServers;
    private final ObjectMapper json = new ObjectMapper();

    public KafkaRecords(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every event on the topic keyed by one of {@code keys}, read until each key has shown up or time is out. */
    public Map<String, List<JsonNode>> eventsFor(Collection<String> keys, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, List<JsonNode>> found = new java.util.HashMap<>();
        Set<String> wanted = Set.copyOf(keys);
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("lianxin.case-events"));
            // Reads to the end of what is there, and keeps going until every key was seen.
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.contains(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(parse(record.value()));
                    }
                }
                if (found.keySet().containsAll(wanted) && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
        }
        return found;
    }

    public List<JsonNode> eventsFor(String key, Duration timeout) {
        return eventsFor(List.of(key), timeout).getOrDefault(key, List.of());
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
