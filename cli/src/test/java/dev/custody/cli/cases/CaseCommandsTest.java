package dev.custody.cli.cases;

import static dev.custody.cli.cases.TwoCasesOfADesk.LEASE;
import static dev.custody.cli.cases.TwoCasesOfADesk.REFUND_CASE;
import static dev.custody.cli.cases.TwoCasesOfADesk.STATUS_CASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cases} and {@code case} on what an orders desk exported: the investigator's screen. */
class CaseCommandsTest {

  @TempDir static Path dir;
  private static String file;

  @BeforeAll
  static void exportTheDesk() {
    Path traces = dir.resolve("traces.jsonl");
    TwoCasesOfADesk.export(traces);
    file = traces.toString();
  }

  @Test
  void casesListsEachCaseInALineEarliestFirst() {
    CliRun run = CliRun.of("cases", "--file", file);

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("START").contains("VERDICT", "CASE");
    assertThat(lines.get(1))
        .contains("orders-agent", "OrdersAssistant", "alice@example.com")
        .contains("spiffe://example.org/orders-agent", "incomplete")
        .containsPattern("incomplete +2  " + REFUND_CASE);
    assertThat(lines.get(2)).contains("bob@example.com", "complete").endsWith(STATUS_CASE);
    assertThat(lines.get(3)).isEqualTo("2 cases");
  }

  @Test
  void casesFiltersByEndUserRefusalAndVerdict() throws Exception {
    assertThat(caseIds("--enduser", "bob@example.com")).containsExactly(STATUS_CASE);
    assertThat(caseIds("--denied")).containsExactly(REFUND_CASE);
    assertThat(caseIds("--incomplete")).containsExactly(REFUND_CASE);
    assertThat(caseIds("--workload", "spiffe://example.org/other")).isEmpty();
    assertThat(caseIds("--since", "PT1H")).containsExactly(REFUND_CASE, STATUS_CASE);
    assertThat(CliRun.of("cases", "--file", file, "--since", "yesterday").exit()).isEqualTo(2);
  }

  @Test
  void caseAnswersWhatAnInvestigatorAsks() {
    CliRun run = CliRun.of("case", REFUND_CASE, "--file", file);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Case " + REFUND_CASE)
        .contains("verdict: record incomplete (missing: policy_input)")
        .contains("Timeline\n")
        .containsPattern("\\+ *0 ms +100 ms  invoke_agent OrdersAssistant")
        .containsPattern("\\+ *25 ms +10 ms      GET  https://orders.internal/orders/A-1  -> 200")
        .contains("prompt: Refund order A-1 to my card")
        .contains("workload: spiffe://example.org/orders-agent", "source: spiffe")
        .contains("end user: alice@example.com", "issuer: https://idp.example.com")
        .containsPattern("\\+ *5 ms  ALLOW  opa orders/lookup  decision d-41")
        .containsPattern("\\+ *60 ms  DENY  opa orders/refund  \\(refunds need a human\\)")
        .containsPattern("vault " + LEASE + "  issued \\S+Z  expires \\S+Z")
        .contains("presented by: +25 ms GET https://orders.internal/orders/A-1")
        .contains("ended: revoke at +900 ms")
        .containsPattern("\\+ *63 ms  execute_tool refundOrder  arguments .*  ERROR policy_denied")
        .containsPattern("ends at: \\S+Z\n  outstanding: 1")
        .contains("Findings\n  MEDIUM  authority-outlived-case (span ")
        .contains("  LOW  record-incomplete (span ");
  }

  @Test
  void findingsListsWhatShouldWorryAcrossCases() {
    CliRun all = CliRun.of("findings", "--file", file);
    CliRun oneRule = CliRun.of("findings", "--file", file, "--rule", "record-incomplete");

    assertThat(all.exit()).as(all.err()).isOne();
    assertThat(all.out())
        .containsPattern("MEDIUM +authority-outlived-case +" + REFUND_CASE)
        .containsPattern("LOW +record-incomplete +" + REFUND_CASE)
        .endsWith("2 findings in 1 of 2 cases\n");
    assertThat(oneRule.out()).endsWith("1 finding in 1 of 2 cases\n");
    assertThat(CliRun.of("findings", "--file", file, "--rule", "static-secret").exit()).isZero();
  }

  @Test
  void caseAsJsonAndACaseNoSpanCarries() throws Exception {
    CliRun run = CliRun.of("case", REFUND_CASE, "--file", file, "--json");

    @SuppressWarnings("unchecked")
    Map<String, Object> only = ((List<Map<String, Object>>) run.json().get("cases")).get(0);
    assertThat(only)
        .containsEntry("case_id", REFUND_CASE)
        .containsEntry("service", "orders-agent")
        .containsEntry("complete", false)
        .containsEntry("missing", List.of("policy_input"));
    assertThat(only.get("credentials").toString()).contains(LEASE, "revoke at +900 ms");
    assertThat(CliRun.of("case", "no-such-case", "--file", file).exit()).isOne();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> caseIds(String... filters) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("cases", "--file", file, "--json"));
    args.addAll(List.of(filters));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    return ((List<Map<String, Object>>) run.json().get("cases"))
        .stream().map(c -> c.get("case_id")).toList();
  }
}
