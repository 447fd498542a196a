package dev.custody.testapps.langgraph4j;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import com.sun.net.httpserver.HttpServer;
import dev.custody.testapps.langchain4j.SupportDesk;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.langchain4j.serializer.std.LC4jStateSerializer;
import org.bsc.langgraph4j.langchain4j.tool.LC4jToolService;
import org.bsc.langgraph4j.prebuilt.MessagesState;

/**
 * A support desk as a LangGraph4j graph, as a user of the framework writes it: no Custody code. The
 * {@code agent} node asks the model (at {@code -Dapp.model.url}, API key {@code $IT_MODEL_API_KEY})
 * with the LangChain4j support desk's two tools (one calls the order backend, the other fails);
 * when it asks for tools, the graph stops before the {@code tools} node for a human, and goes on
 * when resumed. Each argument is one task on its own graph thread: {@code approve} resumes as it
 * stopped on another thread, {@code change} updates the state first, {@code request} resumes when a
 * human approves over HTTP ({@code POST /approve}, the approver in the {@code X-Approver} header).
 * Prints {@code ANSWER <task>: <text>}.
 */
public final class SupportGraphApp {

  private SupportGraphApp() {}

  public static void main(String[] tasks) throws Exception {
    CompiledGraph<MessagesState<ChatMessage>> graph = supportGraph();
    ExecutorService humans = Executors.newSingleThreadExecutor();
    try {
      for (String task : tasks) {
        RunnableConfig thread = RunnableConfig.builder().threadId("ticket-" + task).build();
        MessagesState<ChatMessage> stopped =
            graph
                .invoke(
                    Map.of(
                        "messages",
                        List.of(
                            SystemMessage.from(SupportDesk.SYSTEM_MESSAGE),
                            UserMessage.from(SupportDesk.REQUEST))),
                    thread)
                .orElseThrow();
        System.out.println("STOPPED " + task + " at " + stopped.messages().size() + " messages");
        String answer =
            switch (task) {
              case "approve" -> humans.submit(() -> resume(graph, thread)).get();
              case "change" -> {
                RunnableConfig changed =
                    graph.updateState(thread, Map.of("reviewed_by", "a supervisor"));
                yield humans.submit(() -> resume(graph, changed)).get();
              }
              case "request" -> approveOverHttp(graph, thread);
              default -> throw new IllegalArgumentException("unknown task " + task);
            };
        System.out.println("ANSWER " + task + ": " + answer);
      }
    } finally {
      humans.shutdown();
    }
  }

  /** Resumes the stopped thread; the answer the graph ends with. */
  private static String resume(
      CompiledGraph<MessagesState<ChatMessage>> graph, RunnableConfig thread) throws Exception {
    MessagesState<ChatMessage> done = graph.invoke(GraphInput.resume(), thread).orElseThrow();
    return ((AiMessage) done.lastMessage().orElseThrow()).text();
  }

  /** A human approves over HTTP: the request resumes the thread and answers with its answer. */
  private static String approveOverHttp(
      CompiledGraph<MessagesState<ChatMessage>> graph, RunnableConfig thread) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/approve",
        exchange -> {
          try (exchange) {
            byte[] body = resume(graph, thread).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
          }
        });
    server.start();
    try {
      HttpRequest approval =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/approve"))
              .header("X-Approver", "alice")
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      return HttpClient.newHttpClient().send(approval, HttpResponse.BodyHandlers.ofString()).body();
    } finally {
      server.stop(0);
    }
  }

  static CompiledGraph<MessagesState<ChatMessage>> supportGraph() throws Exception {
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(System.getProperty("app.model.url"))
            .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key"))
            .modelName("gpt-4o-mini")
            .temperature(0.2)
            .maxTokens(300)
            .build();
    LC4jToolService tools =
        LC4jToolService.builder().toolsFromObject(new SupportDesk.OrderTools()).build();
    return new StateGraph<>(
            MessagesState.SCHEMA,
            new LC4jStateSerializer<MessagesState<ChatMessage>>(MessagesState::new))
        .addNode(
            "agent",
            node_async(
                state ->
                    Map.of(
                        "messages",
                        model
                            .chat(
                                ChatRequest.builder()
                                    .messages(state.messages())
                                    .toolSpecifications(tools.toolSpecifications())
                                    .build())
                            .aiMessage())))
        .addNode(
            "tools",
            node_async(
                state ->
                    tools
                        .execute(
                            ((AiMessage) state.lastMessage().orElseThrow()).toolExecutionRequests(),
                            InvocationContext.builder().chatMemoryId("support").build(),
                            "messages")
                        .get()
                        .update()))
        .addEdge(START, "agent")
        .addConditionalEdges(
            "agent",
            edge_async(
                state ->
                    state.lastMessage().orElseThrow() instanceof AiMessage ai
                            && ai.hasToolExecutionRequests()
                        ? "tools"
                        : "end"),
            Map.of("tools", "tools", "end", END))
        .addEdge("tools", "agent")
        .compile(
            CompileConfig.builder()
                .graphId("support-desk")
                .checkpointSaver(new MemorySaver())
                .interruptBefore("tools")
                .build());
  }
}
