package dev.custody.testapps.policy;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;

/**
 * An orders desk: a LangChain4j AI service whose tools ({@link OrderTools}, {@link AccessTools},
 * {@link DiscountTools}) ask a policy engine (OPA, Verified Permissions, Cedar) before they act, as
 * a user of these libraries writes it: no Custody code. The model is at {@code -Dapp.model.url},
 * OPA at {@code -Dapp.opa.url}, Verified Permissions at {@code -Dapp.avp.url}; the signed-in user's
 * identity token is {@code -Dapp.identity.token}. Prints {@code ANSWER: <text>}.
 */
public final class PolicyDeskApp {

  public interface OrdersAssistant {
    @SystemMessage("You are an orders desk. The tools check the policy before they act.")
    String handle(String request);
  }

  private PolicyDeskApp() {}

  public static void main(String[] args) throws Exception {
    try (OrderTools orders = new OrderTools(System.getProperty("app.opa.url"));
        AccessTools access =
            new AccessTools(
                URI.create(System.getProperty("app.avp.url")),
                System.getProperty("app.identity.token"))) {
      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(System.getProperty("app.model.url"))
              .apiKey("test-key")
              .modelName("gpt-4o-mini")
              .build();
      OrdersAssistant assistant =
          AiServices.builder(OrdersAssistant.class)
              .chatModel(model)
              .tools(orders, access, new DiscountTools())
              .build();
      System.out.println(
          "ANSWER: "
              + assistant.handle("Serve alice, audit the readers, then delete bob's orders."));
    }
  }
}
