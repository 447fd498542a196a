package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSharedAcrossCasesTest {

  private static final String KEY = "secret/openai";

  private static SpansOfCase caseUsing(String caseId, String credential) {
    Span root = agent();
    Span call =
        span("POST").under(root).at(3).kind("CLIENT").attr("custody.credential.used", credential);
    return TestCase.of(caseId, root, call);
  }

  @Test
  void oneKeyPresentedByTwoCases() {
    SpansOfCase first = caseUsing("case-a", KEY);
    SpansOfCase second = caseUsing("case-b", KEY);

    Map<String, List<CaseFinding>> findings =
        new CredentialSharedAcrossCases().findIn(List.of(first, second));

    assertThat(findings).containsOnlyKeys("case-a", "case-b");
    assertThat(findings.get("case-a"))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("credential-shared-across-cases");
              assertThat(finding.spanId()).isEqualTo(first.spans().get(1).spanId());
              assertThat(finding.summary())
                  .isEqualTo(
                      "secret/openai, presented here by 'POST', is used by 2 cases: also case-b");
            });
  }

  @Test
  void silentWhenEachCaseHasItsOwnLeaseOrNamesNone() {
    assertThat(
            new CredentialSharedAcrossCases()
                .findIn(
                    List.of(
                        caseUsing("case-a", "database/creds/orders/AAA"),
                        caseUsing("case-b", "database/creds/orders/BBB"),
                        caseUsing("case-c", ""),
                        caseUsing("case-d", ""))))
        .isEmpty();
  }
}
