package cn.lianxin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** infra/deploy/ parsed and checked against what its README promises and what the backend reads (issue 16, item 5). */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode kustomization = yaml.readTree(ROOT.resolve("infra/deploy/kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.get("resources")) {
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(ROOT.resolve("infra/deploy").resolve(resource.asText()).toFile())) {
                for (JsonNode doc : docs.readAll()) {
                    assertThat(BY_KIND.put(doc.get("kind").asText(), doc)).as("one " + doc.get("kind") + " only").isNull();
                }
            }
        }
    }

    private static JsonNode container() {
        return BY_KIND.get("Deployment").at("/spec/template/spec/containers/0");
    }

    @Test
    void shouldRunSeveralInstancesThatNeverAllGoAtOnce() {
        JsonNode deployment = BY_KIND.get("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(BY_KIND.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(BY_KIND.get("PersistentVolumeClaim").at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
        assertThat(container().at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container().at("/resources/limits/memory").isMissingNode()).isFalse();
    }

    @Test
    void shouldProbeTheManagementPortWithTheBackendsOwnHealthPaths() {
        Map<String, String> paths = new HashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container().get(probe).get("httpGet");
            assertThat(get.get("port").asText()).as(probe).isEqualTo("management");
            paths.put(probe, get.get("path").asText());
        }
        assertThat(paths).containsEntry("startupProbe", "/q/health/started").containsEntry("livenessProbe", "/q/health/live")
                .containsEntry("readinessProbe", "/q/health/ready");
        Map<String, Integer> ports = StreamSupport.stream(container().get("ports").spliterator(), false)
                .collect(Collectors.toMap(p -> p.get("name").asText(), p -> p.get("containerPort").asInt()));
        Map<String, String> config = configMap();
        assertThat(ports).containsEntry("http", Integer.parseInt(config.get("LIANXIN_HTTP_PORT")))
                .containsEntry("management", Integer.parseInt(config.get("LIANXIN_MANAGEMENT_PORT")));
    }

    @Test
    void shouldExposeOnlyTheApiThroughTheServiceAndIngress() {
        JsonNode ports = BY_KIND.get("Service").at("/spec/ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).get("targetPort").asText()).isEqualTo("http");
        assertThat(BY_KIND.get("Ingress").at("/spec/rules/0/http/paths/0/backend/service/port/name").asText()).isEqualTo("http");
    }

    @Test
    void shouldTakeEveryKeyFromTheTemplateAndNoSecretFromTheConfigMap() throws IOException {
        Set<String> known = new java.util.HashSet<>();
        Set<String> secrets = new java.util.HashSet<>();
        Pattern key = Pattern.compile("^#?\\s*(LIANXIN_[A-Z0-9_]+)=.*?(#\\s*secret)?");
        for (String line : Files.readAllLines(ROOT.resolve("config/lianxin.env.template"))) {
            Matcher m = key.matcher(line);
            if (m.find()) {
                known.add(m.group(1));
                if (line.matches(".*#\\s*secret.*")) {
                    secrets.add(m.group(1));
                }
            }
        }
        assertThat(secrets).contains("LIANXIN_PG_PASSWORD", "LIANXIN_JWT_SECRET", "LIANXIN_WECOM_SECRET");
        String properties = Files.readString(ROOT.resolve("backend/src/main/resources/application.properties"));
        for (String name : configMap().keySet()) {
            assertThat(known).as(name + " is a key of config/lianxin.env.template").contains(name);
            assertThat(secrets).as(name + " is a secret: it belongs in the Secret, not the ConfigMap").doesNotContain(name);
            assertThat(properties).as(name + " is read by the backend").contains("${" + name);
        }
        JsonNode envFrom = container().get("envFrom");
        List<String> sources = new ArrayList<>();
        envFrom.forEach(e -> sources.add(e.has("secretRef") ? "secret:" + e.at("/secretRef/name").asText() : "config:" + e.at("/configMapRef/name").asText()));
        assertThat(sources).containsExactly("config:" + BY_KIND.get("ConfigMap").at("/metadata/name").asText(), "secret:lianxin-secrets");
    }

    private static Map<String, String> configMap() {
        Map<String, String> data = new HashMap<>();
        BY_KIND.get("ConfigMap").get("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }
}
