package dev.custody.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTallyTest {

  private final PolicyTally tally = new PolicyTally();

  @Test
  void decisionsAddUpPerOutcomeWithTheLastAndThePoliciesThatDenied() {
    assertThat(tally.summary()).isEqualTo(new PolicyTally.Summary(0, 0, 0, null, List.of()));

    tally.decided("allow", List.of("orders/read"));
    tally.decided("deny", List.of("policy1", "policy2"));
    tally.decided("undefined", List.of("orders/hold"));
    tally.decided("deny", List.of("policy2"));
    tally.decided("allow", List.of());

    assertThat(tally.summary())
        .isEqualTo(new PolicyTally.Summary(5, 2, 2, "allow", List.of("policy1", "policy2")));
  }

  @Test
  void theDenyingPoliciesAreBoundedAndTheCountsAreNot() {
    for (int i = 0; i <= PolicyTally.MAX_DENYING_POLICIES; i++) {
      tally.decided("deny", List.of("policy" + i));
    }

    PolicyTally.Summary summary = tally.summary();
    assertThat(summary.denied()).isEqualTo(PolicyTally.MAX_DENYING_POLICIES + 1);
    assertThat(summary.deniedBy()).hasSize(PolicyTally.MAX_DENYING_POLICIES);
  }
}
