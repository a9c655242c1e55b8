package cn.lianxin.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class RedisServiceTest {

    @Test
    void keysSurviveARestart() throws Exception {
        StackLayout layout = new StackLayout(TestSupport.stackDir("redis"));
        int port = TestSupport.freePort();

        RedisService first = new RedisService(layout, port);
        try {
            first.start();
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.set("greeting", "ni hao");
            }
        } finally {
            first.stop();
        }
        assertThat(Ports.isListening(port)).isFalse();

        RedisService second = new RedisService(layout, port);
        try {
            second.start();
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                assertThat(jedis.get("greeting")).isEqualTo("ni hao");
            }
        } finally {
            second.stop();
        }
    }
}
