package dev.custody.instrumentation.a2a;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The A2A Java SDK 1.0 ({@code io.github.a2asdk}): where an agent hands a task to another, the hop
 * on the sender's tool call ({@code custody.handoff.*}); where an agent server runs the task, its
 * {@code AgentExecutor.execute} as the {@code invoke_agent} case root, which keeps the case id the
 * request's baggage brought.
 */
public final class A2aInstrumentationModule extends InstrumentationModule {

  static final String INSTRUMENTATION_NAME = "dev.custody.a2a-java-1.0";

  public A2aInstrumentationModule() {
    super("custody-a2a", "custody-a2a-java-1.0", "custody");
  }

  /** 1.0: its spec lists tasks (0.3's does not), and its messages are records. */
  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("io.a2a.spec.ListTasksParams");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new ClientInstrumentation(),
        new ClientTransportInstrumentation(),
        new AgentExecutorInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi(
        "dev.custody.instrumentation.a2a.A2aCalls", "dev.custody.instrumentation.a2a.A2aTasks");
  }
}
