package dev.custody.testapps.googleadk;

import com.google.adk.agents.LlmAgent;
import com.google.adk.events.Event;
import com.google.adk.models.ApigeeLlm;
import com.google.adk.runner.InMemoryRunner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.AgentTool;
import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * A travel desk on Google ADK for Java, run by its {@code InMemoryRunner}: the desk agent has two
 * function tools, {@code lookupBooking} (which reads the booking from a backend) and {@code
 * cancelBooking} (which throws), and a visa expert, another agent, as a tool; a before-tool
 * callback sees every call. Both agents' models are ADK's {@code ApigeeLlm} posting OpenAI chat
 * completions to the scripted servers {@code app.model.url} and {@code app.expert.url}, with the
 * API key of {@code IT_MODEL_API_KEY}. Runs each request given as an argument as a task in a
 * session of its own and prints {@code ANSWER: <text>}.
 */
public final class TravelDeskApp {

  static final String INSTRUCTION =
      "You are a travel desk agent. Look the booking up before you change it.";

  private static final HttpClient http = HttpClient.newHttpClient();

  private TravelDeskApp() {}

  public static void main(String[] args) throws Exception {
    LlmAgent expert =
        LlmAgent.builder()
            .name("visa_expert")
            .description("Answers visa questions.")
            .instruction("You answer visa questions in one sentence.")
            .model(model(System.getProperty("app.expert.url")))
            .build();
    LlmAgent desk =
        LlmAgent.builder()
            .name("travel_desk")
            .description("Handles bookings.")
            .instruction(INSTRUCTION)
            .model(model(System.getProperty("app.model.url")))
            .tools(
                FunctionTool.create(TravelDeskApp.class, "lookupBooking"),
                FunctionTool.create(TravelDeskApp.class, "cancelBooking"),
                AgentTool.create(expert))
            .beforeToolCallbackSync(
                (invocation, tool, input, toolContext) -> {
                  System.out.println("TOOL " + tool.name());
                  return Optional.empty();
                })
            .build();
    InMemoryRunner runner = new InMemoryRunner(desk);
    for (String request : args) {
      Session session =
          runner.sessionService().createSession(runner.appName(), "traveller-7").blockingGet();
      StringBuilder answer = new StringBuilder();
      runner
          .runAsync("traveller-7", session.id(), Content.fromParts(Part.fromText(request)))
          .blockingForEach(event -> answer.append(finalText(event)));
      System.out.println("ANSWER: " + answer);
    }
    // ADK ends its runner's span on the model client's thread just after the last event reaches
    // us; then exit, as OkHttp's dispatcher under that client would keep the JVM up for a minute.
    Thread.sleep(1000);
    System.exit(0);
  }

  /** Reads a booking from the booking backend. */
  @Schema(name = "lookupBooking", description = "Looks a booking up by its id.")
  public static Map<String, Object> lookupBooking(
      @Schema(name = "bookingId", description = "The booking id") String bookingId)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(System.getProperty("app.backend.url") + "/bookings/" + bookingId))
            .build();
    return Map.of("booking", http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Cancellations are closed: always fails. */
  @Schema(name = "cancelBooking", description = "Cancels a booking by its id.")
  public static Map<String, Object> cancelBooking(
      @Schema(name = "bookingId", description = "The booking id") String bookingId) {
    throw new IllegalStateException("cancellations are closed for " + bookingId);
  }

  private static ApigeeLlm model(String url) {
    return ApigeeLlm.builder()
        .modelName("apigee/openai/scripted-model")
        .proxyUrl(url)
        .customHeaders(Map.of("Authorization", "Bearer " + System.getenv("IT_MODEL_API_KEY")))
        .build();
  }

  private static String finalText(Event event) {
    if (!event.finalResponse() || !event.author().equals("travel_desk")) {
      return "";
    }
    return event.content().flatMap(Content::parts).stream()
        .flatMap(java.util.List::stream)
        .map(part -> part.text().orElse(""))
        .reduce("", String::concat);
  }
}
