package dev.custody.testapps.langgraph4j;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import dev.custody.testapps.langchain4j.SupportDesk;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
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
 * with two tools; when it asks for tools, the graph stops before the {@code tools} node for a
 * human, and goes on when resumed, on another thread as a later request would. Each argument is one
 * task on its own graph thread: {@code approve} resumes as it stopped, {@code change} updates the
 * state first. Prints {@code ANSWER <task>: <text>}.
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
        RunnableConfig resumed =
            switch (task) {
              case "approve" -> thread;
              case "change" -> graph.updateState(thread, Map.of("reviewed_by", "a supervisor"));
              default -> throw new IllegalArgumentException("unknown task " + task);
            };
        MessagesState<ChatMessage> done =
            humans.submit(() -> graph.invoke(GraphInput.resume(), resumed).orElseThrow()).get();
        AiMessage answer = (AiMessage) done.lastMessage().orElseThrow();
        System.out.println("ANSWER " + task + ": " + answer.text());
      }
    } finally {
      humans.shutdown();
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
