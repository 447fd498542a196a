package dev.custody.it.harness;

import static dev.custody.it.harness.ExpectedSpan.CLIENT;
import static dev.custody.it.harness.ExpectedSpan.INTERNAL;
import static dev.custody.it.harness.ExpectedSpan.span;

import dev.custody.it.apps.OrderAgentApp;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * The world {@link OrderAgentApp} runs in: a scripted model that asks for {@code
 * lookupOrder("A-17")} and then answers, the order backend the tool calls, and the OTLP receiver
 * its agent exports to.
 */
public final class OrderDesk implements AutoCloseable {

  public static final String ANSWER = "Order A-17 ships tomorrow.";

  /**
   * The spans of one request: its root, two model turns with their HTTP calls, the tool call, its
   * backend call.
   */
  public static final int SPANS_PER_REQUEST = 7;

  /** A model turn: our span, with the HTTP call to the model inside. */
  public static ExpectedSpan modelTurn() {
    return span("chat scripted-model")
        .kind(CLIENT)
        .children(
            span("POST")
                .kind(CLIENT)
                .scope("io.opentelemetry.java-http-client")
                .has("url.full", v -> v.endsWith("/v1/chat/completions")));
  }

  /**
   * The tool call, on LangChain4j's worker pool yet inside the case, with its call to the order
   * backend.
   */
  public static ExpectedSpan lookupOrder() {
    return span("execute_tool lookupOrder")
        .kind(INTERNAL)
        .children(span("GET").kind(CLIENT).has("url.full", v -> v.endsWith("/orders/A-17")));
  }

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;

  private OrderDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(new ToolCall("lookupOrder", "{\"orderId\":\"A-17\"}")), ANSWER)
            .serve("/orders/A-17", "A-17: packed, leaves the warehouse tomorrow");
  }

  public static OrderDesk open() throws IOException {
    return new OrderDesk();
  }

  /** The order app with the Custody agent, wired to this desk. */
  public ForkedApp app() {
    return ForkedApp.withCustody(receiver)
        .property("it.model.url", model.baseUrl())
        .property("it.backend.url", model.url(""));
  }

  /** Runs the app with these user requests and checks it answered each. */
  public ForkedApp.Result run(ForkedApp app, String... requests) throws Exception {
    ForkedApp.Result result = app.args(requests).runMain(OrderAgentApp.class);
    if (result.exitCode() != 0 || countAnswers(result.stdout()) != requests.length) {
      throw new AssertionError(
          "the app failed: exit " + result.exitCode() + "\n" + result.stdout() + result.stderr());
    }
    return result;
  }

  private static long countAnswers(String stdout) {
    return stdout.lines().filter(line -> line.equals("ANSWER: " + ANSWER)).count();
  }

  @Override
  public void close() {
    model.close();
    receiver.close();
  }
}
