package dev.custody.instrumentation.openai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * OpenAI Java SDK 1.1+: the agent traces each chat completion as a {@code chat} span; we add the
 * tool calls each answer asks for, and a case root around the tool loop of an application that runs
 * its tools itself.
 */
public final class OpenAiInstrumentationModule extends InstrumentationModule {

  public OpenAiInstrumentationModule() {
    super("custody-openai-java", "custody-openai-java-1.1", "custody");
  }

  /**
   * Before the agent's own OpenAI instrumentation, so that our advice on the client builders runs
   * outside its.
   */
  @Override
  public int order() {
    return -1;
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.openai.client.OpenAIClient",
        "com.openai.models.chat.completions.ChatCompletionCreateParams");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new OpenAiClientBuilderInstrumentation(),
        new ChatCompletionServiceInstrumentation(),
        new ChatCompletionServiceAsyncInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.jackson.MessageText",
        "dev.custody.instrumentation.openai.OpenAiToolLoops",
        "dev.custody.instrumentation.openai.OpenAiChatSpans",
        "dev.custody.instrumentation.openai.ChatCompletionsJson",
        "dev.custody.instrumentation.openai.StreamedToolCalls",
        "dev.custody.instrumentation.openai.ObservedStreamResponse",
        "dev.custody.instrumentation.openai.ObservedStreamResponse$Observing");
  }
}
