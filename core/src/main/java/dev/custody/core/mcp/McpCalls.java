package dev.custody.core.mcp;

import dev.custody.core.CustodyInstrumenters;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndSupport;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusBuilder;
import java.util.Map;

/**
 * MCP tool calls: a {@code tools/call {tool}} CLIENT span where a client sends one, whose trace
 * context and baggage travel in the request's {@code params._meta}, and a SERVER span where a
 * server handles one, a child of the client span taken from that {@code _meta} (the transport's own
 * span, e.g. the HTTP request, is linked), so the case goes on in the server's JVM. Calls end when
 * the library's asynchronous result completes. One instance per library.
 */
public final class McpCalls {

  private final Instrumenter<McpCall, Void> instrumenter;
  private final Class<?> asyncType;

  /**
   * @param asyncType the type of the asynchronous results the library returns, e.g. Reactor's
   *     {@code Mono}: the agent's instrumentation of that library ends the span when the result
   *     completes, errs or is cancelled, and makes the span current while the result is subscribed
   *     to
   */
  public McpCalls(String instrumentationName, Class<?> asyncType) {
    this.asyncType = asyncType;
    instrumenter =
        CustodyInstrumenters.<McpCall, Void>builder(instrumentationName, McpCall::spanName)
            .addAttributesExtractor(new McpAttributesExtractor())
            .addSpanLinksExtractor(
                (links, parent, call) -> {
                  if (call.transportSpan() != null) {
                    links.addLink(call.transportSpan());
                  }
                })
            .setSpanStatusExtractor(McpCalls::status)
            .buildInstrumenter(McpCall::kind);
  }

  /** Starts a client call in the current context; false when tracing is suppressed here. */
  public boolean startClient(McpCall call) {
    return start(Context.current(), call);
  }

  /**
   * Starts a server call whose parent is the context in the request's {@code _meta}; the context
   * current here, such as the HTTP request that carried the call, is linked. False when tracing is
   * suppressed.
   */
  public boolean startServer(McpCall call, Map<String, ?> meta) {
    Context ambient = Context.current();
    Context parent = McpMeta.extract(ambient, meta);
    SpanContext transport = Span.fromContext(ambient).getSpanContext();
    if (transport.isValid() && !transport.equals(Span.fromContext(parent).getSpanContext())) {
      call.linkTransport(transport);
    }
    return start(parent, call);
  }

  /**
   * Ends the call when {@code async} completes, or now if the call threw or returned no
   * asynchronous result.
   *
   * @return what the instrumented method must return instead of {@code async}
   */
  public <T> T endWhenDone(McpCall call, T async, Throwable thrown) {
    return AsyncOperationEndSupport.create(instrumenter, Void.class, asyncType)
        .asyncEnd(call.context(), call, async, thrown);
  }

  private boolean start(Context parent, McpCall call) {
    Context started = CustodyInstrumenters.start(instrumenter, parent, call);
    if (started == null) {
      return false;
    }
    call.started(started);
    return true;
  }

  private static void status(
      SpanStatusBuilder status, McpCall call, Void response, Throwable error) {
    if (call.errorCode() != null && call.errorMessage() != null) {
      status.setStatus(StatusCode.ERROR, call.errorMessage());
    } else if (error != null || call.errorCode() != null || call.toolError()) {
      status.setStatus(StatusCode.ERROR);
    }
  }
}
