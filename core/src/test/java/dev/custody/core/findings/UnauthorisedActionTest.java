package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import org.junit.jupiter.api.Test;

class UnauthorisedActionTest {

  private final Span root = agent();
  private final Span refund =
      span("execute_tool refundOrder").under(root).at(5).attr("gen_ai.tool.name", "refundOrder");

  @Test
  void aRefundPostedWithNoPolicyAsked() {
    Span post =
        span("POST")
            .under(refund)
            .at(6)
            .kind("CLIENT")
            .attr("http.request.method", "POST")
            .attr("url.full", "https://payments.example/refunds");
    Span insert =
        span("INSERT orders.refunds")
            .under(refund)
            .at(7)
            .kind("CLIENT")
            .attr("db.query.text", "insert into refunds values (?, ?)");

    assertThat(new UnauthorisedAction().findIn(TestCase.of(root, refund, post, insert)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("unauthorised-action");
              assertThat(finding.spanId()).isEqualTo(post.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "tool refundOrder sent POST https://payments.example/refunds and made 1"
                          + " more write with no policy decision in the case");
              assertThat(finding.mapsTo()).contains("AML.T0053");
            });
  }

  @Test
  void aMessageSentAndADatabaseDeleteAndAnAwsWrite() {
    Span send = span("orders publish").under(refund).at(6).kind("PRODUCER");
    Span cancel = span("execute_tool cancelOrder").under(root).at(8);
    Span delete =
        span("DELETE orders")
            .under(cancel)
            .at(9)
            .kind("CLIENT")
            .attr("db.operation.name", "DELETE");
    Span archive = span("execute_tool archive").under(root).at(10);
    Span put =
        span("S3.PutObject")
            .under(archive)
            .at(11)
            .kind("CLIENT")
            .attr("rpc.system", "aws-api")
            .attr("rpc.service", "S3")
            .attr("rpc.method", "PutObject")
            .attr("http.request.method", "PUT");

    assertThat(
            new UnauthorisedAction()
                .findIn(TestCase.of(root, refund, send, cancel, delete, archive, put)))
        .extracting(CaseFinding::summary)
        .containsExactly(
            "tool refundOrder sent a message ('orders publish') with no policy decision in the"
                + " case",
            "tool cancelOrder wrote to a database ('DELETE orders') with no policy decision in the"
                + " case",
            "tool archive called AWS S3.PutObject with no policy decision in the case");
  }

  @Test
  void silentWhenTheCaseAskedAPolicy() {
    Span opa =
        span("policy_decision opa orders/refund")
            .under(refund)
            .at(5)
            .attr("custody.policy.engine", "opa")
            .attr("custody.policy.decision", "allow");
    Span post = span("POST").under(refund).at(6).kind("CLIENT").attr("http.request.method", "POST");

    assertThat(new UnauthorisedAction().findIn(TestCase.of(root, refund, opa, post))).isEmpty();
  }

  @Test
  void silentOnReadsAndOnWhatOnlyCarriesTheTool() {
    Span get = span("GET").under(refund).at(6).kind("CLIENT").attr("http.request.method", "GET");
    Span select =
        span("SELECT orders")
            .under(refund)
            .at(6)
            .kind("CLIENT")
            .attr("db.query.text", "SELECT * FROM orders");
    Span secret =
        span("SecretsManager.GetSecretValue")
            .under(refund)
            .at(6)
            .kind("CLIENT")
            .attr("rpc.system", "aws-api")
            .attr("rpc.method", "GetSecretValue")
            .attr("http.request.method", "POST")
            .attr("custody.credential.id", "arn:aws:secretsmanager:eu-west-1:1:secret:x");
    Span mcp = span("tools/call lookup").under(root).at(7).kind("CLIENT");
    Span transport =
        span("POST").under(mcp).at(7).kind("CLIENT").attr("http.request.method", "POST");
    Span subAgent = span("execute_tool summarise").under(root).at(8);
    Span chat =
        span("chat gpt-4o")
            .under(subAgent)
            .at(8)
            .kind("CLIENT")
            .attr("gen_ai.operation.name", "chat");
    Span model = span("POST").under(chat).at(8).kind("CLIENT").attr("http.request.method", "POST");
    Span outsideAnyTool =
        span("POST").under(root).at(9).kind("CLIENT").attr("http.request.method", "POST");

    assertThat(
            new UnauthorisedAction()
                .findIn(
                    TestCase.of(
                        root,
                        refund,
                        get,
                        select,
                        secret,
                        mcp,
                        transport,
                        subAgent,
                        chat,
                        model,
                        outsideAnyTool)))
        .isEmpty();
  }
}
