package dev.custody.instrumentation.opa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.policy.PolicyVerdict;
import dev.custody.instrumentation.opa.OpaRequest.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpaAnswersTest {

  @Test
  void aBooleanDecidesAndIsInvertedOnADenyDocument() {
    assertThat(data("authz/allow", "{\"decision_id\":\"d-1\",\"result\":true}"))
        .isEqualTo(PolicyVerdict.decided("allow", "d-1", null, null));
    assertThat(data("authz/allow", "{\"result\":false}").decision()).isEqualTo("deny");
    assertThat(data("authz/deny", "{\"result\":true}").decision()).isEqualTo("deny");
    assertThat(data("authz/deny", "{\"result\":false}").decision()).isEqualTo("allow");
  }

  @Test
  void violationsDenyWithTheirTextAsReason() {
    assertThat(data("authz/violations", "{\"result\":[\"no mfa\",\"after hours\"]}"))
        .isEqualTo(PolicyVerdict.decided("deny", null, null, "no mfa; after hours"));
    assertThat(data("authz/deny", "{\"result\":[]}").decision()).isEqualTo("allow");
  }

  @Test
  void anObjectDecidesByItsAllowOrDenyMemberWithItsReasons() {
    assertThat(
            data(
                "authz/decision",
                "{\"result\":{\"allow\":false,\"reasons\":[\"bob may not delete\"]}}"))
        .isEqualTo(PolicyVerdict.decided("deny", null, null, "bob may not delete"));
    assertThat(data("authz/decision", "{\"result\":{\"denied\":false}}").decision())
        .isEqualTo("allow");
    assertThat(data("authz/decision", "{\"result\":{\"decision\":\"ALLOW\"}}").decision())
        .isEqualTo("allow");
    assertThat(data("authz/decision", "{\"result\":{\"level\":3}}").decision()).isEqualTo("object");
  }

  @Test
  void aBatchIsOneDecisionDeniedWhenAnyOfItsAnswersIs() {
    OpaRequest batch = new OpaRequest(Kind.BATCH, "authz/decision", null);
    String mixed =
        "{\"batch_decision_id\":\"b-1\",\"responses\":{"
            + "\"alice\":{\"decision_id\":\"d-1\",\"result\":{\"allow\":true}},"
            + "\"bob\":{\"decision_id\":\"d-2\",\"result\":{\"allow\":false,\"reason\":\"bob is suspended\"}}}}";
    assertThat(OpaAnswers.verdict(batch, 207, mixed.getBytes(StandardCharsets.UTF_8), true))
        .isEqualTo(PolicyVerdict.decided("deny", "b-1", null, "bob is suspended"));
    String allowed =
        "{\"responses\":{\"a\":{\"result\":{\"allow\":true}},\"b\":{\"result\":true}}}";
    assertThat(
            OpaAnswers.verdict(batch, 200, allowed.getBytes(StandardCharsets.UTF_8), true)
                .decision())
        .isEqualTo("allow");
    String failed = "{\"responses\":{\"a\":{\"result\":true},\"b\":{\"code\":\"internal_error\"}}}";
    assertThat(
            OpaAnswers.verdict(batch, 207, failed.getBytes(StandardCharsets.UTF_8), true)
                .decision())
        .isEqualTo("batch");
  }

  @Test
  void otherResultsAreTheirKind() {
    assertThat(data("authz/x", "{\"decision_id\":\"d-2\"}"))
        .isEqualTo(PolicyVerdict.decided("undefined", "d-2", null, null));
    assertThat(data("authz/x", "{\"result\":\"deny\"}").decision()).isEqualTo("deny");
    assertThat(data("authz/x", "{\"result\":\"maybe\"}").decision()).isEqualTo("string");
    assertThat(data("authz/x", "{\"result\":[1,2]}").decision()).isEqualTo("array");
    assertThat(data("authz/x", "{\"result\":4.5}").decision()).isEqualTo("number");
    assertThat(data("authz/x", "{\"result\":null}").decision()).isEqualTo("null");
    assertThat(data("authz/x", "{\"result\":").decision()).isEqualTo("unparsed");
  }

  @Test
  void anAnswerNestedTooDeepToReadIsUnparsedAndNeverAnError() {
    // 64 KiB of '[' made the reader this one replaced throw StackOverflowError into the
    // application's HTTP call.
    String brackets = "[".repeat(OpaRequest.MAX_BODY);
    assertThat(verdict(Kind.DOCUMENT, "authz/allow", 200, brackets)).isEqualTo(OpaAnswers.unread());
    assertThat(
            data("authz/allow", "{\"result\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}")
                .decision())
        .isEqualTo("unparsed");
    assertThat(verdict(Kind.DATA, "authz/allow", 500, brackets))
        .isEqualTo(PolicyVerdict.failed("500", null));
  }

  @Test
  void bundleRevisionsComeFromProvenance() {
    String answer =
        "{\"result\":true,\"provenance\":{\"bundles\":{\"authz\":{\"revision\":\"r1\"},"
            + "\"common\":{\"revision\":\"r7\"}}}}";
    assertThat(data("authz/allow", answer).revision()).isEqualTo("authz@r1,common@r7");
  }

  @Test
  void documentsAndQueriesAreReadAsTheyAreShaped() {
    assertThat(verdict(Kind.DOCUMENT, "authz/allow", 200, "true").decision()).isEqualTo("allow");
    assertThat(
            verdict(Kind.QUERY, "x = data.authz.allow", 200, "{\"result\":[{\"x\":false}]}")
                .decision())
        .isEqualTo("deny");
    assertThat(verdict(Kind.QUERY, "data.authz.allow", 200, "{}").decision())
        .isEqualTo("undefined");
    assertThat(
            verdict(Kind.QUERY, "x = data.users[_]", 200, "{\"result\":[{\"x\":1},{\"x\":2}]}")
                .decision())
        .isEqualTo("bindings");
  }

  @Test
  void anErrorAnswerIsAFailureWithOpasCode() {
    assertThat(
            verdict(
                Kind.DATA,
                "authz/allow",
                500,
                "{\"code\":\"internal_error\",\"message\":\"eval failed\"}"))
        .isEqualTo(PolicyVerdict.failed("internal_error", "eval failed"));
    assertThat(verdict(Kind.DATA, "authz/allow", 404, "not found"))
        .isEqualTo(PolicyVerdict.failed("404", null));
  }

  private static PolicyVerdict data(String path, String answer) {
    return verdict(Kind.DATA, path, 200, answer);
  }

  private static PolicyVerdict verdict(Kind kind, String policyId, int status, String answer) {
    return OpaAnswers.verdict(
        new OpaRequest(kind, policyId, null),
        status,
        answer.getBytes(StandardCharsets.UTF_8),
        true);
  }
}
