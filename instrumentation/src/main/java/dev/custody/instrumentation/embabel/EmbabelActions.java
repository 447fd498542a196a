package dev.custody.instrumentation.embabel;

import static dev.custody.core.CustodyAttributes.AGENT_ACTION;

import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * Action runs: an {@code action {action}} INTERNAL span with {@code custody.agent.action}, current
 * while the action runs, so its model calls and tool calls are inside it; ERROR when the action
 * threw or Embabel reports it {@code FAILED}.
 */
public final class EmbabelActions {

  private static final Instrumenter<String, String> INSTRUMENTER =
      CustodyInstrumenters.<String, String>builder(
              EmbabelProcesses.INSTRUMENTATION_NAME, name -> "action " + name)
          .addAttributesExtractor(new ActionAttributes())
          .setSpanStatusExtractor(CustodyInstrumenters.errorWhen("FAILED"::equals))
          .buildInstrumenter(SpanKindExtractor.alwaysInternal());

  private EmbabelActions() {}

  /** An action running on this thread, its span current. */
  public record ActionRun(Context context, String name, Scope scope) {}

  public static ActionRun start(Object action) {
    String name = EmbabelObjects.text(action, "getName");
    if (name == null || AgentInvocation.current() == null) {
      return null;
    }
    Context context = CustodyInstrumenters.start(INSTRUMENTER, Context.current(), name);
    return context == null ? null : new ActionRun(context, name, context.makeCurrent());
  }

  /** The action returned its {@code ActionStatus} or threw. */
  public static void end(ActionRun action, Object status, Throwable error) {
    if (action != null) {
      action.scope().close();
      Object code = EmbabelObjects.read(status, "getStatus");
      INSTRUMENTER.end(
          action.context(), action.name(), code == null ? null : code.toString(), error);
    }
  }

  private static final class ActionAttributes implements AttributesExtractor<String, String> {
    @Override
    public void onStart(AttributesBuilder attributes, Context parent, String name) {
      attributes.put(AGENT_ACTION, name);
    }

    @Override
    public void onEnd(
        AttributesBuilder attributes,
        Context context,
        String name,
        String status,
        Throwable error) {}
  }
}
