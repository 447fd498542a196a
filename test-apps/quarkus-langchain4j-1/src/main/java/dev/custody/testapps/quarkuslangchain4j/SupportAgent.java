package dev.custody.testapps.quarkuslangchain4j;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/** The support desk's AI service, which Quarkus LangChain4j implements at build time. */
@RegisterAiService(tools = OrderTools.class)
public interface SupportAgent {

  @SystemMessage("You are a support agent. Look the orders up before you answer.")
  String handle(@UserMessage String request);
}
