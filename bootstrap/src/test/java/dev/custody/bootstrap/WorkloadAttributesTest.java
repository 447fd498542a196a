package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadAttributesTest {

  static final String ROLE = "arn:aws:iam::123456789012:role/order-desk";
  static final String SESSION =
      "arn:aws:sts::123456789012:assumed-role/order-desk/botocore-session-1";
  static final String SPIFFE_ID = "spiffe://prod.example/ns/agents/sa/order-desk";

  static final Map<String, Object> IRSA =
      Map.of(
          "custody.workload.id", ROLE,
          "custody.workload.id.source", "aws",
          "custody.workload.credential.jti", "jti-1",
          "custody.workload.credential.expires_at", "2030-01-01T00:00:00Z",
          "custody.workload.kubernetes.pod.name", "order-desk-7d9f");

  static final Map<String, Object> SVID =
      Map.of(
          "custody.workload.id", SPIFFE_ID,
          "custody.workload.id.source", "spiffe",
          "custody.workload.credential.serial", "1f",
          "custody.workload.credential.expires_at", "2030-01-02T00:00:00Z");

  @AfterEach
  void reset() {
    WorkloadAttributes.clear();
  }

  @Test
  void theSessionOfTheWorkloadsOwnRoleIsItsPrincipalAndOutlivesARotationOfTheSameIdentity() {
    WorkloadAttributes.publish(
        Map.of("custody.workload.id", ROLE, "custody.workload.credential.jti", "jti-1"));

    WorkloadAttributes.observePrincipal("arn:aws:iam::123456789012:role/other", "someone else");
    assertThat(WorkloadAttributes.values()).doesNotContainKey("custody.workload.principal");

    WorkloadAttributes.observePrincipal(ROLE, SESSION);
    WorkloadAttributes.publish(
        Map.of("custody.workload.id", ROLE, "custody.workload.credential.jti", "jti-2"));
    assertThat(WorkloadAttributes.values())
        .containsEntry("custody.workload.principal", SESSION)
        .containsEntry("custody.workload.credential.jti", "jti-2");

    WorkloadAttributes.publish(Map.of("custody.workload.id", "spiffe://prod.example/order-desk"));
    assertThat(WorkloadAttributes.values()).doesNotContainKey("custody.workload.principal");
  }

  @Test
  void
      theSvidTheApplicationHoldsWinsOverADetectedIdentityWithoutItsCredentialAndAfterItsRefreshes() {
    WorkloadAttributes.publish(IRSA);
    WorkloadAttributes.observePrincipal(ROLE, SESSION);

    WorkloadAttributes.Update update = WorkloadAttributes.observeSvid(SVID);

    assertThat(update.before()).containsEntry("custody.workload.id", ROLE);
    assertThat(update.after())
        .isEqualTo(WorkloadAttributes.values())
        .containsAllEntriesOf(SVID)
        .containsEntry("custody.workload.kubernetes.pod.name", "order-desk-7d9f")
        .doesNotContainKeys("custody.workload.credential.jti", "custody.workload.principal")
        .hasSize(SVID.size() + 1);

    WorkloadAttributes.publish(
        Map.of("custody.workload.id", ROLE, "custody.workload.credential.jti", "jti-2"));
    assertThat(WorkloadAttributes.values()).isEqualTo(SVID);
  }

  @Test
  void aConfiguredIdWinsOverTheSvid() {
    Map<String, Object> configured =
        Map.of("custody.workload.id", "order-desk", "custody.workload.id.source", "config");
    WorkloadAttributes.publish(configured);

    WorkloadAttributes.observeSvid(SVID);

    assertThat(WorkloadAttributes.values()).isEqualTo(configured);
  }
}
