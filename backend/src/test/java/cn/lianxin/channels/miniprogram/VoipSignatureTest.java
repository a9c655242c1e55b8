package cn.lianxin.channels.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VoipSignatureTest {

    /** The example of WeChat's 多人音视频对话 documentation (签名算法 → 示例), values and result as published there. */
    @Test
    void shouldMatchWeChatsDocumentedExample() {
        assertThat(VoipSignature.sign("wx20afc706a711eefc", "1559129713_672975982", "8AP6DT9ybtniUJfb", 1559129714L,
                "gDyVgzwa0mFz9uUP7M6GQQ==")).isEqualTo("b002b824688dd8593a6079e11d8c5e8734fbcb39a6d5906eb347bfbcad79c617");
    }

    @Test
    void shouldSignDifferentlyForAnotherRoomOrSession() {
        String room = VoipSignature.sign("wx20afc706a711eefc", "booking-1", "n", 1559129714L, "gDyVgzwa0mFz9uUP7M6GQQ==");
        assertThat(VoipSignature.sign("wx20afc706a711eefc", "booking-2", "n", 1559129714L, "gDyVgzwa0mFz9uUP7M6GQQ==")).isNotEqualTo(room);
        assertThat(VoipSignature.sign("wx20afc706a711eefc", "booking-1", "n", 1559129714L, "AAAAAAAAAAAAAAAAAAAAAA==")).isNotEqualTo(room);
    }
}
