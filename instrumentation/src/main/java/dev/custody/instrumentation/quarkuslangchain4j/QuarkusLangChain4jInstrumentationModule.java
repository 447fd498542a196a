package dev.custody.instrumentation.quarkuslangchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Quarkus LangChain4j 1.x: its {@code @RegisterAiService} services are implemented at build time
 * and never reach LangChain4j's {@code AiServices} proxy, so each call is an agent invocation here,
 * and so is each tool call it runs itself. The LangChain4j module still records what LangChain4j
 * does for it: the intent (from its AI service events) and the model turns.
 */
public final class QuarkusLangChain4jInstrumentationModule extends InstrumentationModule {

  public QuarkusLangChain4jInstrumentationModule() {
    super("custody-quarkus-langchain4j", "custody-quarkus-langchain4j-1.0", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed(
        "io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodImplementationSupport",
        "dev.langchain4j.invocation.InvocationContext");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new AiServiceMethodImplementationSupportInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    String langchain4j = "dev.custody.instrumentation.langchain4j.";
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.quarkuslangchain4j.QuarkusLangChain4jCalls",
        langchain4j + "LangChain4jCalls",
        langchain4j + "Invocations",
        langchain4j + "StreamedInvocations",
        langchain4j + "ChatMessages",
        langchain4j + "ToolRun",
        langchain4j + "ToolExecutionResults",
        langchain4j + "ToolErrorHandlers");
  }
}
