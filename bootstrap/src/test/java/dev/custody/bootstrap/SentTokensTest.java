package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentTokensTest {

  private final SentTokens exposure = new SentTokens();

  @Test
  void remembersEachTokenAndWhereItWasSent() {
    exposure.sent("use \"zq_9f8S7dK2\" for the inventory, ok?", SentTokens.PROMPT);
    exposure.sent("{\"auth\":\"zq_9f8S7dK2\"} password=Hx!9#kq2$Lp.", SentTokens.TOOL);

    assertThat(exposure.sentIn("zq_9f8S7dK2")).isEqualTo(SentTokens.PROMPT | SentTokens.TOOL);
    assertThat(exposure.sentIn("Hx!9#kq2$Lp"))
        .as("after = and before the full stop")
        .isEqualTo(SentTokens.TOOL);
    assertThat(exposure.sentIn(" zq_9f8S7dK2\n")).as("a fetched value with a newline").isNotZero();
    assertThat(exposure.sentIn("zq_9f8S7dK3")).isZero();
  }

  @Test
  void skipsShortTokensAndPlainWords() {
    exposure.sent("the inventory key a1b2", SentTokens.PROMPT);

    assertThat(exposure.sentIn("inventory")).isZero();
    assertThat(exposure.sentIn("a1b2")).isZero();
  }

  @Test
  void remembersAtMostItsBoundOfTokensTheFirstOnes() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < SentTokens.MAX_TOKENS + 10; i++) {
      text.append("ticket-").append(i).append(' ');
    }
    exposure.sent(text.toString(), SentTokens.MESSAGES);

    assertThat(exposure.sentIn("ticket-0")).isEqualTo(SentTokens.MESSAGES);
    assertThat(exposure.sentIn("ticket-" + (SentTokens.MAX_TOKENS + 5))).isZero();
  }
}
