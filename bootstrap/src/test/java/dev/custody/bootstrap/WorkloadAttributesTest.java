package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadAttributesTest {

  static final String ROLE = "arn:aws:iam::123456789012:role/order-desk";
  static final String SESSION = "arn:aws:sts::123456789012:assumed-role/order-desk/botocore-session-1";

  @AfterEach
  void reset() {
    WorkloadAttributes.publish(Map.of());
  }

  @Test
  void theSessionOfTheWorkloadsOwnRoleIsItsPrincipalAndOutlivesARotationOfTheSameIdentity() {
    WorkloadAttributes.publish(Map.of("custody.workload.id", ROLE, "custody.workload.credential.jti", "jti-1"));

    WorkloadAttributes.observePrincipal("arn:aws:iam::123456789012:role/other", "someone else");
    assertThat(WorkloadAttributes.values()).doesNotContainKey("custody.workload.principal");

    WorkloadAttributes.observePrincipal(ROLE, SESSION);
    WorkloadAttributes.publish(Map.of("custody.workload.id", ROLE, "custody.workload.credential.jti", "jti-2"));
    assertThat(WorkloadAttributes.values())
        .containsEntry("custody.workload.principal", SESSION)
        .containsEntry("custody.workload.credential.jti", "jti-2");

    WorkloadAttributes.publish(Map.of("custody.workload.id", "spiffe://prod.example/order-desk"));
    assertThat(WorkloadAttributes.values()).doesNotContainKey("custody.workload.principal");
  }
}
