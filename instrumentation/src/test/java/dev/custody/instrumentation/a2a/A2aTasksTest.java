package dev.custody.instrumentation.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class A2aTasksTest {

  static final class OrderDeskAgentExecutor {}

  static final class Executor {}

  static final class Billing {}

  @Test
  void theAgentIsNamedAfterItsExecutorLessExecutor() {
    assertThat(A2aTasks.agentName(OrderDeskAgentExecutor.class)).isEqualTo("OrderDeskAgent");
    assertThat(A2aTasks.agentName(Executor.class)).isEqualTo("Executor");
    assertThat(A2aTasks.agentName(Billing.class)).isEqualTo("Billing");
  }

  @Test
  void anAnonymousExecutorIsNamedAfterItsClass() {
    Object executor = new Object() {};

    assertThat(A2aTasks.agentName(executor.getClass())).isEqualTo("A2aTasksTest$1");
  }
}
