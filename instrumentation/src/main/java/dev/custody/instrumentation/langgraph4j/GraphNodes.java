package dev.custody.instrumentation.langgraph4j;

import static dev.custody.core.CustodyAttributes.GRAPH_NODE;

import dev.custody.core.CustodyInstrumenters;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;

/**
 * Node runs: a {@code node {node}} INTERNAL span with {@code custody.graph.node}, current while the
 * node's action runs, so what it does (a model turn, a tool call, a subgraph) is inside it.
 */
public final class GraphNodes {

  private static final Instrumenter<String, Void> INSTRUMENTER =
      CustodyInstrumenters.<String, Void>builder(
              GraphRuns.INSTRUMENTATION_NAME, nodeId -> "node " + nodeId)
          .addAttributesExtractor(new NodeAttributes())
          .buildInstrumenter(SpanKindExtractor.alwaysInternal());

  private GraphNodes() {}

  /** A node running on this thread, its span current. */
  public record NodeRun(Context context, String nodeId, Scope scope) {}

  public static NodeRun start(String nodeId) {
    if (GraphRun.current() == null) {
      return null;
    }
    Context context = CustodyInstrumenters.start(INSTRUMENTER, Context.current(), nodeId);
    return context == null ? null : new NodeRun(context, nodeId, context.makeCurrent());
  }

  public static void end(NodeRun node, Throwable error) {
    if (node != null) {
      node.scope().close();
      INSTRUMENTER.end(node.context(), node.nodeId(), null, error);
    }
  }

  private static final class NodeAttributes implements AttributesExtractor<String, Void> {
    @Override
    public void onStart(AttributesBuilder attributes, Context parent, String nodeId) {
      attributes.put(GRAPH_NODE, nodeId);
    }

    @Override
    public void onEnd(
        AttributesBuilder attributes,
        Context context,
        String nodeId,
        Void response,
        Throwable error) {}
  }
}
