package dev.custody.it.harness;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * The world the Spring AI test apps ({@code test-apps/spring-ai-*}) run in: a scripted model that
 * asks for the weather in Paris and the ACME share price and then answers, the weather backend the
 * weather tool calls, a plain model that only greets (for the model used without a ChatClient), and
 * the OTLP receiver the agent exports to. Each desk plants fresh {@link Canaries}: the weather
 * backend returns a token after the forecast.
 */
public final class SpringAiDesk implements AutoCloseable {

  public static final String ANSWER = "Sunny in Paris; the share price service is down.";
  public static final String GREETING = "Hello.";
  public static final String FORECAST = "sunny, 22C";

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;
  public final ScriptedOpenAiServer plainModel;
  public final Canaries canaries = new Canaries();

  private SpringAiDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(
                    new ToolCall("getWeather", "{\"city\":\"Paris\"}"),
                    new ToolCall("getSharePrice", "{\"ticker\":\"ACME\"}")),
                ANSWER)
            .serve("/weather/Paris", canaries.backendText(FORECAST));
    plainModel = ScriptedOpenAiServer.start(List.of(), GREETING);
  }

  public static SpringAiDesk open() throws IOException {
    return new SpringAiDesk();
  }

  /** A Spring AI test app with the Custody agent, wired to this desk. */
  public ForkedApp app() {
    return canaries
        .plantIn(ForkedApp.withCustody(receiver))
        .property("it.model.url", model.baseUrl())
        .property("it.backend.url", model.url(""))
        .property("it.plain-model.url", plainModel.baseUrl());
  }

  /**
   * Runs the test app and checks it got the answer, streamed or not, from every client call it
   * made.
   */
  public ForkedApp.Result run(ForkedApp app, String testApp, String mode) throws Exception {
    ForkedApp.Result result = app.args(mode).runTestApp(testApp);
    if (result.exitCode() != 0
        || !result.stdout().contains("CALL: " + ANSWER)
        || !result.stdout().contains("STREAM: " + ANSWER)) {
      throw new AssertionError(
          "the app failed: exit " + result.exitCode() + "\n" + result.stdout() + result.stderr());
    }
    return result;
  }

  @Override
  public void close() {
    model.close();
    plainModel.close();
    receiver.close();
  }
}
