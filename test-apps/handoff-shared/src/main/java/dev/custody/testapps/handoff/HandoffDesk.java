package dev.custody.testapps.handoff;

import dev.custody.testapps.orderdesk.OrderAgent;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.util.List;

/**
 * Two agent services that hand work to each other over a queue (no Custody code). {@code dispatch
 * REQUEST...}: a dispatcher agent answers each request in turn, each its own case; its tool puts
 * the order's question on the queue. {@code work COUNT}: the order desk's agent ({@link
 * OrderAgent}) answers each question it takes from the queue. Both print {@code ANSWER: ...}; the
 * model is at {@code -Dit.model.url}.
 */
public final class HandoffDesk {

  public interface Dispatcher {
    @SystemMessage("You dispatch customer requests to the order desk.")
    String chat(String request);
  }

  /** The dispatcher's one tool: it hands the order to the order desk. */
  public static final class DispatchTools {
    private final WorkQueue queue;

    DispatchTools(WorkQueue queue) {
      this.queue = queue;
    }

    @Tool("Hands an order to the order desk")
    public String handOff(String orderId) throws Exception {
      queue.send("Where is order " + orderId + "?");
      return "handed " + orderId + " to the order desk";
    }
  }

  private HandoffDesk() {}

  /** Runs the role the arguments name over {@code queue}. */
  public static void run(String[] args, WorkQueue queue) throws Exception {
    if (args[0].equals("dispatch")) {
      Dispatcher dispatcher = dispatcher(queue);
      for (String request : List.of(args).subList(1, args.length)) {
        System.out.println("ANSWER: " + dispatcher.chat(request));
      }
    } else {
      OrderAgent.OrderAssistant desk = OrderAgent.assistant();
      queue.serve(
          Integer.parseInt(args[1]), work -> System.out.println("ANSWER: " + desk.chat(work)));
    }
  }

  private static Dispatcher dispatcher(WorkQueue queue) {
    return AiServices.builder(Dispatcher.class)
        .chatModel(
            OpenAiChatModel.builder()
                .baseUrl(System.getProperty("it.model.url"))
                .apiKey("test-key")
                .modelName("scripted-model")
                .build())
        .tools(new DispatchTools(queue))
        .build();
  }
}
