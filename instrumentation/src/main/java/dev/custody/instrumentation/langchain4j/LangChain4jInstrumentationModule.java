package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j 1.x: each AI service call is an agent invocation, the case root when no case is open,
 * with its model turns and tool calls inside, also when it streams or runs its tools concurrently.
 */
public final class LangChain4jInstrumentationModule extends InstrumentationModule {

  public LangChain4jInstrumentationModule() {
    super("custody-langchain4j", "custody-langchain4j-1.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("dev.langchain4j.service.AiServices");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new AiServiceProxyInstrumentation(),
        new AiServiceListenerRegistrarInstrumentation(),
        new DefaultAiServicesInstrumentation(),
        new AiServiceTokenStreamInstrumentation(),
        new AiServiceStreamingResponseHandlerInstrumentation(),
        new ChatModelInstrumentation(),
        new StreamingChatModelInstrumentation(),
        new StreamingChatResponseHandlerInstrumentation(),
        new ToolServiceInstrumentation(),
        new ToolServiceContextInstrumentation(),
        new DefaultToolExecutorInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    String pkg = "dev.custody.instrumentation.langchain4j.";
    return CoreHelpers.withCaseApi(
        pkg + "LangChain4jCalls",
        pkg + "AiServiceEvents",
        pkg + "Invocations",
        pkg + "StreamedInvocations",
        pkg + "ChatMessages",
        pkg + "ModelTurn",
        pkg + "ToolRun",
        pkg + "ToolExecutionResults",
        pkg + "ToolErrorHandlers",
        pkg + "TracedToolExecutor");
  }
}
