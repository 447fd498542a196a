package dev.custody.extension.console;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.GEN_AI_OPERATION_NAME;
import static dev.custody.core.CustodyAttributes.RECORD_COMPLETE;
import static dev.custody.core.CustodyAttributes.RECORD_MISSING;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseTimelinePrinterTest {

  private static final String CASE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CASE_B = "0af7651916cd43dd8448eb211c80319c";
  private static final long T0 = 1_700_000_000_000L;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .addSpanProcessor(
              new CaseTimelinePrinter(new PrintStream(printed, true, StandardCharsets.UTF_8)))
          .build();

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static Context inCase(String caseId) {
    return Context.root().with(Baggage.builder().put(CASE_ID_KEY, caseId).build());
  }

  /**
   * A span started at T0 + {@code startMillis}, stamped with the case id as the agent's baggage
   * processor does.
   */
  private Span start(String name, Context parent, long startMillis) {
    SpanBuilder builder =
        tracerProvider
            .get("test")
            .spanBuilder(name)
            .setParent(parent)
            .setStartTimestamp(T0 + startMillis, MILLISECONDS)
            .setAttribute(CASE_ID, CaseIds.fromContext(parent));
    if (name.startsWith("invoke_agent ")) {
      builder.setAttribute(GEN_AI_OPERATION_NAME, "invoke_agent");
    }
    return builder.startSpan();
  }

  private static void end(Span span, long endMillis) {
    span.end(T0 + endMillis, MILLISECONDS);
  }

  @Test
  void printsTheCaseWhenItsAgentSpanEnds() {
    Context caseA = inCase(CASE_A);
    Span root = start("invoke_agent Planner", caseA, 0);
    Context inRoot = caseA.with(root);
    Span chat = start("chat gpt-4o", inRoot, 10);
    Span tool = start("execute_tool search", inRoot, 120);
    Span http = start("GET /search", inRoot.with(tool), 130);
    end(http, 230);
    end(tool, 420);
    end(chat, 110);

    assertThat(printed()).isEmpty();

    end(root, 500);

    assertThat(printed())
        .isEqualTo(
            String.join(
                "\n",
                "[custody] case " + CASE_A + "  trace " + root.getSpanContext().getTraceId(),
                "       +0 ms     500 ms   invoke_agent Planner",
                "      +10 ms     100 ms     chat gpt-4o",
                "     +120 ms     300 ms     execute_tool search",
                "     +130 ms     100 ms       GET /search",
                ""));
  }

  @Test
  void keepsCasesApart() {
    Context caseA = inCase(CASE_A);
    Context caseB = inCase(CASE_B);
    Span rootA = start("invoke_agent Planner", caseA, 0);
    Span rootB = start("invoke_agent Booker", caseB, 5);
    end(start("chat for A", caseA.with(rootA), 10), 20);
    end(start("chat for B", caseB.with(rootB), 15), 25);

    end(rootA, 30);

    assertThat(printed())
        .contains(CASE_A, "invoke_agent Planner", "chat for A")
        .doesNotContain(CASE_B, "invoke_agent Booker", "chat for B");
    printed.reset();

    end(rootB, 40);

    assertThat(printed())
        .contains(CASE_B, "invoke_agent Booker", "chat for B")
        .doesNotContain(CASE_A, "invoke_agent Planner", "chat for A");
  }

  @Test
  void aNestedAgentDoesNotEndTheCase() {
    Context caseA = inCase(CASE_A);
    Span root = start("invoke_agent Planner", caseA, 0);
    Span subAgent = start("invoke_agent Researcher", caseA.with(root), 10);

    end(subAgent, 90);

    assertThat(printed()).isEmpty();

    end(root, 100);

    assertThat(printed().lines().skip(1).toList())
        .containsExactly(
            "       +0 ms     100 ms   invoke_agent Planner",
            "      +10 ms      80 ms     invoke_agent Researcher");
  }

  @Test
  void showsTheRecordVerdictAndErrors() {
    Span root = start("invoke_agent Planner", inCase(CASE_A), 0);
    root.setAttribute(RECORD_COMPLETE, false);
    root.setAttribute(RECORD_MISSING, List.of("intent", "workload_identity"));
    root.setAttribute(ERROR_TYPE, "java.lang.IllegalStateException");
    root.setStatus(StatusCode.ERROR);

    end(root, 50);

    assertThat(printed())
        .contains(
            "invoke_agent Planner  [record incomplete: missing intent, workload_identity]"
                + "  ERROR java.lang.IllegalStateException\n");
  }

  @Test
  void ignoresSpansOutsideACase() {
    Span root = start("invoke_agent Planner", Context.root(), 0);
    end(start("chat gpt-4o", Context.root().with(root), 10), 20);

    end(root, 30);

    assertThat(printed()).isEmpty();
  }
}
