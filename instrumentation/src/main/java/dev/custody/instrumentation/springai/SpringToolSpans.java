package dev.custody.instrumentation.springai;

import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_TOOL_CALL_ID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.Method;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Spring AI's own tool spans. The tool-calling manager observes each execution with Micrometer; the
 * observation is a span when a micrometer-tracing handler (such as its OpenTelemetry bridge) traces
 * it. micrometer-tracing is optional, hence the reflection.
 */
final class SpringToolSpans {

  private static final String TRACING_CONTEXT =
      "io.micrometer.tracing.handler.TracingObservationHandler$TracingContext";
  private static final String SPAN = "io.micrometer.tracing.Span";

  private SpringToolSpans() {}

  /**
   * The span of the manager's observation of the tool about to run, or null when it is not traced.
   */
  static Object current(ObservationRegistry registry) {
    if (registry == null || registry.isNoop()) {
      return null;
    }
    Observation observation = registry.getCurrentObservation();
    if (observation == null
        || observation.isNoop()
        || !(observation.getContext() instanceof ToolCallingObservationContext context)) {
      return null;
    }
    try {
      Class<?> tracingContextType =
          Class.forName(TRACING_CONTEXT, false, context.getClass().getClassLoader());
      Object tracingContext = context.get(tracingContextType);
      return tracingContext == null
          ? null
          : tracingContextType.getMethod("getSpan").invoke(tracingContext);
    } catch (ReflectiveOperationException | LinkageError notTraced) {
      return null;
    }
  }

  /**
   * Adds the call id, and the failure Spring AI turned into a text result, which its span would not
   * show.
   */
  static void annotate(Object span, String callId, Throwable failure) {
    try {
      Class<?> spanType = Class.forName(SPAN, false, span.getClass().getClassLoader());
      Method tag = spanType.getMethod("tag", String.class, String.class);
      if (callId != null) {
        tag.invoke(span, GEN_AI_TOOL_CALL_ID.getKey(), callId);
      }
      if (failure != null) {
        tag.invoke(span, ERROR_TYPE.getKey(), failure.getClass().getName());
        spanType.getMethod("error", Throwable.class).invoke(span, failure);
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // an unknown micrometer-tracing version: its span stays as Spring AI made it
    }
  }
}
