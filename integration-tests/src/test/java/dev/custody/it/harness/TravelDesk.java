package dev.custody.it.harness;

import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedOpenAiServer.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * The world the Google ADK travel desk app ({@code test-apps/google-adk-1}) runs in: the desk's
 * scripted model, which asks for {@code lookupBooking}, {@code cancelBooking} and the {@code
 * visa_expert} agent in one answer and then answers; the expert's own model; the booking backend
 * the lookup reads (which returns a {@link Canaries} token after the booking); the OTLP receiver.
 */
public final class TravelDesk implements AutoCloseable {

  public static final String INSTRUCTION =
      "You are a travel desk agent. Look the booking up before you change it.";
  public static final String ANSWER =
      "Booking B-42 stands; cancellations are closed; no visa is needed.";
  public static final String EXPERT_ANSWER = "No visa is needed for stays under 90 days.";
  public static final String BOOKING = "B-42: Lisbon to Tokyo, 3 May";

  public final OtlpReceiver receiver;
  public final ScriptedOpenAiServer model;
  public final ScriptedOpenAiServer expert;
  public final Canaries canaries = new Canaries();

  private TravelDesk() throws IOException {
    receiver = new OtlpReceiver();
    model =
        ScriptedOpenAiServer.start(
                List.of(
                    new ToolCall("lookupBooking", "{\"bookingId\":\"B-42\"}"),
                    new ToolCall("cancelBooking", "{\"bookingId\":\"B-42\"}"),
                    new ToolCall("visa_expert", "{\"request\":\"Visa for Japan?\"}")),
                ANSWER)
            .serve("/bookings/B-42", canaries.backendText(BOOKING));
    expert = ScriptedOpenAiServer.start(List.of(), EXPERT_ANSWER);
  }

  public static TravelDesk open() throws IOException {
    return new TravelDesk();
  }

  /** The travel desk app with the Custody agent, wired to this desk. */
  public ForkedApp app() {
    return canaries
        .plantIn(ForkedApp.withCustody(receiver))
        .property("app.model.url", model.baseUrl())
        .property("app.expert.url", expert.baseUrl())
        .property("app.backend.url", model.url(""));
  }

  /** Runs {@code app} with these requests, each a task, and checks it answered each. */
  public ForkedApp.Result run(ForkedApp app, String... requests) throws Exception {
    ForkedApp.Result result = app.args(requests).runTestApp("google-adk-1");
    String output = result.stdout();
    long answers = output.lines().filter(line -> line.equals("ANSWER: " + ANSWER)).count();
    if (result.exitCode() != 0 || answers != requests.length) {
      throw new AssertionError(
          "google-adk-1 failed: exit " + result.exitCode() + "\n" + output + result.stderr());
    }
    return result;
  }

  @Override
  public void close() {
    expert.close();
    model.close();
    receiver.close();
  }
}
