package dev.custody.it.harness;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * The world the LangChain4j support desk apps ({@code test-apps/langchain4j-*}) run in: a scripted
 * model that asks for {@code lookupOrder} and {@code refundOrder} in one response and then answers,
 * the order backend the lookup calls, and the OTLP receiver the agent exports to. Each desk plants
 * fresh {@link Canaries}: the order backend returns a token after the order.
 */
public final class SupportDesk implements AutoCloseable {

  public static final String REQUEST = "Where is my order A-17? Please refund it.";
  public static final String SYSTEM_MESSAGE =
      "You are a support agent. Look the order up before you refund it.";
  public static final String ANSWER =
      "Order A-17 leaves the warehouse tomorrow; refunds are closed.";
  public static final String ORDER = "A-17: packed, leaves the warehouse tomorrow";

  /**
   * The spans of one task: its root, two model turns with their HTTP calls, two tool calls, the
   * lookup's HTTP call.
   */
  public static final int SPANS_PER_TASK = 8;

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;
  public final Canaries canaries = new Canaries();

  private SupportDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(
                    new ToolCall("lookupOrder", "{\"orderId\":\"A-17\"}"),
                    new ToolCall("refundOrder", "{\"orderId\":\"A-17\"}")),
                ANSWER)
            .serve("/orders/A-17", canaries.backendText(ORDER));
  }

  public static SupportDesk open() throws IOException {
    return new SupportDesk();
  }

  /** A support desk app with the Custody agent, wired to this desk. */
  public ForkedApp app() {
    return canaries
        .plantIn(ForkedApp.withCustody(receiver))
        .property("app.model.url", model.baseUrl())
        .property("app.backend.url", model.url(""));
  }

  /** Runs the app of {@code test-apps/<module>} with these tasks and checks it answered each. */
  public ForkedApp.Result run(ForkedApp app, String module, String... tasks) throws Exception {
    ForkedApp.Result result = app.args(tasks).runTestApp(module);
    for (String task : tasks) {
      if (result.exitCode() != 0 || !result.stdout().contains("ANSWER " + task + ": " + ANSWER)) {
        throw new AssertionError(
            module
                + " failed "
                + task
                + ": exit "
                + result.exitCode()
                + "\n"
                + result.stdout()
                + result.stderr());
      }
    }
    return result;
  }

  @Override
  public void close() {
    model.close();
    receiver.close();
  }
}
