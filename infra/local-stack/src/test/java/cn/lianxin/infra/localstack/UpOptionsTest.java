package cn.lianxin.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpOptionsTest {

    @Test
    void defaultsToAllServicesOnTheirStandardPorts() throws Exception {
        UpOptions options = UpOptions.parse(List.of("--data", "d"));

        assertThat(options.dataDir()).isEqualTo(Path.of("d"));
        assertThat(options.services()).containsExactly(ServiceKind.POSTGRES, ServiceKind.REDIS, ServiceKind.KAFKA);
        assertThat(options.port(ServiceKind.POSTGRES)).isEqualTo(5432);
        assertThat(options.port(ServiceKind.REDIS)).isEqualTo(6379);
        assertThat(options.port(ServiceKind.KAFKA)).isEqualTo(9092);
        assertThat(options.databases()).containsExactly("lianxin");
        assertThat(options.reuse()).isFalse();
    }

    @Test
    void keepsOnlyThePortsOfSelectedServices() throws Exception {
        UpOptions options = UpOptions.parse(List.of(
                "--data", "d", "--services", "kafka,postgres", "--pg-port", "15432", "--reuse", "--databases", "a,b_2"));

        assertThat(options.services()).containsExactly(ServiceKind.POSTGRES, ServiceKind.KAFKA);
        assertThat(options.ports()).containsOnlyKeys(ServiceKind.POSTGRES, ServiceKind.KAFKA);
        assertThat(options.port(ServiceKind.POSTGRES)).isEqualTo(15432);
        assertThat(options.databases()).containsExactly("a", "b_2");
        assertThat(options.reuse()).isTrue();
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> UpOptions.parse(List.of())).hasMessageContaining("--data");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--data", "d", "--services", "mysql")))
                .hasMessageContaining("mysql");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--data", "d", "--pg-port", "70000")))
                .hasMessageContaining("--pg-port");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--data", "d", "--databases", "x; DROP TABLE y")))
                .hasMessageContaining("lower-case identifiers");
        assertThatThrownBy(() -> UpOptions.parse(List.of("--data"))).hasMessageContaining("needs a value");
    }
}
