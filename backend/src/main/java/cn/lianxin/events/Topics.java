package cn.lianxin.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates our topics with the partition count we want, instead of relying on a broker's auto-creation (off in
 * most production clusters). A broker that is away at startup is not fatal: the relay waits for it anyway.
 */
@ApplicationScoped
public class Topics {

    private static final Logger LOG = Logger.getLogger(Topics.class);

    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;

    public Topics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "lianxin.kafka.partitions") int partitions,
            @ConfigProperty(name = "lianxin.kafka.replication-factor") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes StartupEvent startup) {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = List.of(Outbox.CASE_EVENTS, Outbox.BROADCAST_EVENTS).stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replicationFactor)).toList();
            if (!missing.isEmpty()) {
                // Another instance may create them at the same moment; TopicExists then lands in the catch below.
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                LOG.infof("Created Kafka topics %s with %d partitions", missing.stream().map(NewTopic::name).toList(), partitions);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("Kafka topics not created at startup (%s); the relay retries until the broker accepts events",
                        e.getCause().getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("Kafka topics not checked at startup (%s); they are created on first use where the broker allows it",
                    e.getMessage());
        }
    }
}
