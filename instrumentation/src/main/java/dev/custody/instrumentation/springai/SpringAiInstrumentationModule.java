package dev.custody.instrumentation.springai;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring AI 1.x and 2.x: each {@code ChatClient} call is an agent invocation, each model round a
 * {@code chat} span, each tool execution an {@code execute_tool} span paired with the call id the
 * model gave.
 */
public final class SpringAiInstrumentationModule extends InstrumentationModule {

  /** The instrumentation scope of the spans this module writes. */
  static final String INSTRUMENTATION_NAME = "dev.custody.spring-ai-1.1";

  public SpringAiInstrumentationModule() {
    super("custody-spring-ai", "custody-spring-ai-1.1", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    // ChatClientRequest and ToolCallback arrived with 1.0
    return hasClassesNamed(
        "org.springframework.ai.chat.client.ChatClientRequest",
        "org.springframework.ai.tool.ToolCallback");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new ChatClientInstrumentation(),
        new ChatModelInstrumentation(),
        new ToolCallingManagerInstrumentation(),
        new ToolCallbackInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.springai.ChatClientCases",
        "dev.custody.instrumentation.reactor.RecordingFlux",
        "dev.custody.instrumentation.springai.CaseFlux",
        "dev.custody.instrumentation.springai.ModelRounds",
        "dev.custody.instrumentation.springai.ModelRound",
        "dev.custody.instrumentation.springai.RoundFlux",
        "dev.custody.instrumentation.springai.ModelAnswer",
        "dev.custody.instrumentation.springai.PromptRequests",
        "dev.custody.instrumentation.springai.ToolExecutions",
        "dev.custody.instrumentation.springai.ToolExecution",
        "dev.custody.instrumentation.springai.ToolFrame",
        "dev.custody.instrumentation.springai.SpringToolSpans");
  }
}
