package dev.custody.testapps.embabel;

import com.embabel.agent.api.invocation.AgentInvocation;
import com.embabel.agent.core.AgentPlatform;
import com.embabel.agent.domain.io.UserInput;
import com.embabel.agent.spi.LlmService;
import com.embabel.agent.spi.config.spring.AgentPlatformConfiguration;
import com.embabel.agent.spi.config.spring.ToolGroupsConfiguration;
import com.embabel.agent.spi.support.springai.SpringAiLlmService;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The trip desk: an Embabel agent whose one action asks the model, which calls the weather tools;
 * each argument is one task. The model is Spring AI's OpenAI model at {@code -Dapp.model.url}, its
 * key from {@code IT_MODEL_API_KEY}; the tool's backend is at {@code -Dapp.backend.url}. The
 * platform is wired as Embabel's starter would (the starter is not served here): its packages
 * scanned, its configuration imported.
 */
@SpringBootApplication
@ComponentScan(
    basePackages = {
      "dev.custody.testapps.embabel",
      "com.embabel.agent.api",
      "com.embabel.agent.core",
      "com.embabel.agent.prompt",
      "com.embabel.agent.spi",
      "com.embabel.agent.tools"
    })
@ConfigurationPropertiesScan(
    basePackages = {
      "com.embabel.agent.api",
      "com.embabel.agent.core",
      "com.embabel.agent.prompt",
      "com.embabel.agent.spi",
      "com.embabel.agent.tools"
    })
@Import({AgentPlatformConfiguration.class, ToolGroupsConfiguration.class})
public class TripDeskApp {

  static final String MODEL = "scripted-model";

  public static void main(String[] args) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TripDeskApp.class).web(WebApplicationType.NONE).run(args)) {
      AgentPlatform platform = context.getBean(AgentPlatform.class);
      // each argument one task: one agent process
      for (String request : args) {
        TripDeskAgent.Advice advice =
            AgentInvocation.create(platform, TripDeskAgent.Advice.class)
                .invoke(new UserInput(request));
        System.out.println("ANSWER: " + advice.text());
      }
    }
  }

  @Bean
  LlmService<?> scriptedModel(@Value("${app.model.url}") String baseUrl) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .openAiApi(
                OpenAiApi.builder()
                    .baseUrl(baseUrl)
                    .completionsPath("/chat/completions")
                    .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key"))
                    .build())
            .defaultOptions(OpenAiChatOptions.builder().model(MODEL).build())
            .build();
    return new SpringAiLlmService(MODEL, "OpenAI", model);
  }
}
