package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads of the traces an application's tool loops leave, whatever SDK it runs on. */
public final class ToolLoopTraces {

  private ToolLoopTraces() {}

  /** The case root whose intent is {@code question}; fails the test unless there is exactly one. */
  public static ReceivedSpan root(Spans spans, String question) {
    List<ReceivedSpan> roots =
        spans.where(
            span ->
                span.name().startsWith("invoke_agent")
                    && question.equals(span.attr("custody.intent.prompt")));
    assertThat(roots).as("the root of %s in %s", question, spans.all()).hasSize(1);
    return roots.get(0);
  }

  /**
   * The trace of the task asked {@code question} is exactly {@code tree}, and every span inside the
   * task carries the case id of its root.
   */
  public static TraceAssert assertCase(Spans spans, String question, ExpectedSpan tree) {
    ReceivedSpan root = root(spans, question);
    TraceAssert trace = TraceAssert.assertThat(spans.traceOf(root)).hasTree(tree);
    TraceAssert.assertThat(new Spans(spans.descendantsOf(root)))
        .everySpanHas("custody.case.id", root.attr("custody.case.id"));
    return trace;
  }

  /**
   * {@code tool:id} for each of {@code tools}, in order, with the ids the application sent back in
   * the JSON field {@code idField} of its request about {@code question}: the ids the model's
   * answer gave the calls.
   */
  public static List<String> callsAnswered(
      List<String> requestBodies, String question, String idField, List<String> tools) {
    String body =
        requestBodies.stream()
            .filter(sent -> sent.contains(question) && sent.contains(idField))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no request about " + question + " sends tool results back"));
    Matcher ids = Pattern.compile("\"" + idField + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    List<String> answered = new ArrayList<>();
    for (String tool : tools) {
      assertThat(ids.find()).as("a result for %s", tool).isTrue();
      answered.add(tool + ":" + ids.group(1));
    }
    return answered;
  }
}
