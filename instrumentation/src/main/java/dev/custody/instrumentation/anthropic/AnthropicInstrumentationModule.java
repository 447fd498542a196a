package dev.custody.instrumentation.anthropic;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Anthropic Java SDK: each {@code messages.create} is a model turn with the tool calls its answer
 * asks for (the SDK's own span since 2.72, ours before), and a case root around the tool loop of an
 * application that runs its tools itself.
 */
public final class AnthropicInstrumentationModule extends InstrumentationModule {

  public AnthropicInstrumentationModule() {
    super("custody-anthropic-java", "custody-anthropic-java-2.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "com.anthropic.services.blocking.MessageServiceImpl",
        "com.anthropic.models.messages.MessageCreateParams");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new MessageServiceInstrumentation(), new ApiCallInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.jackson.MessageText",
        "dev.custody.instrumentation.anthropic.AnthropicCalls",
        "dev.custody.instrumentation.anthropic.AnthropicCall",
        "dev.custody.instrumentation.anthropic.MessagesJson");
  }
}
