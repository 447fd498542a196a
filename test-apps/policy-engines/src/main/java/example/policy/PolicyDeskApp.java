package example.policy;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;

/**
 * An orders desk: a LangChain4j AI service whose tools ({@link OrderTools}) ask a policy engine before they act, as
 * a user of these libraries writes it: no Custody code. The model is at {@code -Dapp.model.url}, OPA at {@code
 * -Dapp.opa.url}. Prints {@code ANSWER: <text>}.
 */
public final class PolicyDeskApp {

  public interface OrdersAssistant {
    @SystemMessage("You are an orders desk. The tools check the policy before they act.")
    String handle(String request);
  }

  private PolicyDeskApp() {}

  public static void main(String[] args) throws Exception {
    try (OrderTools tools = new OrderTools(System.getProperty("app.opa.url"))) {
      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(System.getProperty("app.model.url"))
              .apiKey("test-key")
              .modelName("gpt-4o-mini")
              .build();
      OrdersAssistant assistant = AiServices.builder(OrdersAssistant.class).chatModel(model).tools(tools).build();
      System.out.println("ANSWER: " + assistant.handle("List and export alice's orders, then delete bob's."));
    }
  }
}
