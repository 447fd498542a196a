package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractStringAssert;

/**
 * One span a test expects, as an investigator reads it in Jaeger: its name, kind and key
 * attributes, and the spans right under it. Each call returns a new expectation, so one can be a
 * template for several. {@link TraceAssert} checks a tree of them against the received spans.
 */
public final class ExpectedSpan {

  public static final SpanKind INTERNAL = SpanKind.SPAN_KIND_INTERNAL;
  public static final SpanKind CLIENT = SpanKind.SPAN_KIND_CLIENT;
  public static final SpanKind SERVER = SpanKind.SPAN_KIND_SERVER;
  public static final SpanKind PRODUCER = SpanKind.SPAN_KIND_PRODUCER;
  public static final SpanKind CONSUMER = SpanKind.SPAN_KIND_CONSUMER;

  /** A requirement on one span, described for the expected tree a failure prints. */
  record Check(String description, Consumer<ReceivedSpan> requirement) {}

  /** How the listed children stand for the span's children. */
  enum Children {
    /** All of them, in the order they started. */
    IN_START_ORDER,
    /** All of them, in any order. */
    IN_ANY_ORDER,
    /** Some of them, in the order they started; the others are no part of the test. */
    AMONG_OTHERS
  }

  private final String name;
  private final List<Check> checks;

  /** The spans it must link to; null when its links are no part of the test. */
  private final List<ExpectedSpan> links;

  private final boolean continuesATrace;
  private final List<ExpectedSpan> children;
  private final Children childrenMode;

  private ExpectedSpan(
      String name,
      List<Check> checks,
      List<ExpectedSpan> links,
      boolean continuesATrace,
      List<ExpectedSpan> children,
      Children childrenMode) {
    this.name = name;
    this.checks = List.copyOf(checks);
    this.links = links == null ? null : List.copyOf(links);
    this.continuesATrace = continuesATrace;
    this.children = List.copyOf(children);
    this.childrenMode = childrenMode;
  }

  /** A span named exactly {@code name}, with no other requirement yet. */
  public static ExpectedSpan span(String name) {
    return new ExpectedSpan(name, List.of(), null, false, List.of(), Children.IN_START_ORDER);
  }

  public ExpectedSpan kind(SpanKind kind) {
    String shown = kind.name().replace("SPAN_KIND_", "");
    return with(
        "[" + shown + "]",
        span -> {
          if (span.kind() != kind) {
            throw new AssertionError(
                "kind: expected "
                    + shown
                    + " but was "
                    + span.kind().name().replace("SPAN_KIND_", ""));
          }
        });
  }

  /** A string, bool or number attribute equal to {@code value} as text. */
  public ExpectedSpan has(String key, String value) {
    return with(
        key + "=" + shortQuoted(value),
        span -> {
          String actual = span.attr(key);
          if (!value.equals(actual)) {
            throw new AssertionError(
                key + ": expected " + quoted(value) + " but was " + quoted(actual));
          }
        });
  }

  /** A string array attribute holding exactly {@code values}, in order. */
  public ExpectedSpan has(String key, List<String> values) {
    return with(
        key + "=" + values.stream().map(ExpectedSpan::shortQuoted).toList(),
        span -> {
          List<String> actual = span.attrList(key);
          if (!values.equals(actual)) {
            throw new AssertionError(key + ": expected " + values + " but was " + actual);
          }
        });
  }

  /**
   * An attribute present and meeting {@code requirement}, an AssertJ check of it: {@code v ->
   * v.startsWith("a")}.
   */
  public ExpectedSpan has(String key, Consumer<AbstractStringAssert<?>> requirement) {
    return with(
        key + "=(checked)",
        span -> {
          String actual = span.attr(key);
          if (actual == null) {
            throw new AssertionError(key + ": expected but absent");
          }
          requirement.accept(assertThat(actual).as(key));
        });
  }

  public ExpectedSpan lacks(String key) {
    return with(
        "no " + key,
        span -> {
          if (span.has(key)) {
            throw new AssertionError(key + ": expected absent but was " + quoted(span.attr(key)));
          }
        });
  }

  /** The span's status is ERROR. */
  public ExpectedSpan error() {
    return with(
        "ERROR",
        span -> {
          if (!span.isError()) {
            throw new AssertionError(
                "status: expected ERROR but was " + span.proto().getStatus().getCode());
          }
        });
  }

  /** The span's status is not ERROR. */
  public ExpectedSpan noError() {
    return with(
        "not ERROR",
        span -> {
          if (span.isError()) {
            throw new AssertionError(
                "status: expected no error but was ERROR " + span.proto().getStatus().getMessage());
          }
        });
  }

  /** Made by the instrumentation scope {@code scope}. */
  public ExpectedSpan scope(String scope) {
    return with(
        "scope=" + scope,
        span -> {
          if (!scope.equals(span.scope())) {
            throw new AssertionError("scope: expected " + scope + " but was " + span.scope());
          }
        });
  }

  /** Exported by the service named {@code service}. */
  public ExpectedSpan service(String service) {
    return with(
        "service=" + service,
        span -> {
          if (!service.equals(span.serviceName())) {
            throw new AssertionError(
                "service: expected " + service + " but was " + span.serviceName());
          }
        });
  }

  /**
   * Anything else the test needs of the span, as AssertJ assertions on it; {@code what} names it in
   * messages.
   */
  public ExpectedSpan satisfies(String what, Consumer<ReceivedSpan> requirement) {
    return with(
        "(" + what + ")",
        span -> {
          try {
            requirement.accept(span);
          } catch (AssertionError failed) {
            throw new AssertionError(what + ": " + failed.getMessage().strip(), failed);
          }
        });
  }

  /**
   * Links to exactly the spans {@code targets} are matched to, in order (none when none is given);
   * checked once the whole tree has matched, so each target must be used once in it.
   */
  public ExpectedSpan linksTo(ExpectedSpan... targets) {
    return new ExpectedSpan(
        name, checks, Arrays.asList(targets), continuesATrace, children, childrenMode);
  }

  /** A root that continues a trace from a caller whose span {@code spanId} was not received. */
  public ExpectedSpan childOf(String spanId) {
    ExpectedSpan checked =
        with(
            "child of " + spanId,
            span -> {
              if (!spanId.equals(span.parentSpanId())) {
                throw new AssertionError(
                    "parent: expected " + spanId + " but was " + span.parentSpanId());
              }
            });
    return new ExpectedSpan(name, checked.checks, links, true, children, childrenMode);
  }

  /**
   * The spans right under this one, all of them (none when none is listed), in the order they
   * started.
   */
  public ExpectedSpan children(ExpectedSpan... children) {
    return new ExpectedSpan(
        name, checks, links, continuesATrace, Arrays.asList(children), Children.IN_START_ORDER);
  }

  /**
   * The spans right under this one, all of them, in any order (they run concurrently, or the order
   * is no matter).
   */
  public ExpectedSpan childrenInAnyOrder(ExpectedSpan... children) {
    return new ExpectedSpan(
        name, checks, links, continuesATrace, Arrays.asList(children), Children.IN_ANY_ORDER);
  }

  /**
   * Some of the spans right under this one, in the order they started: any others are no part of
   * the test.
   */
  public ExpectedSpan childrenIncluding(ExpectedSpan... children) {
    return new ExpectedSpan(
        name, checks, links, continuesATrace, Arrays.asList(children), Children.AMONG_OTHERS);
  }

  String name() {
    return name;
  }

  List<ExpectedSpan> children() {
    return children;
  }

  Children childrenMode() {
    return childrenMode;
  }

  List<ExpectedSpan> links() {
    return links;
  }

  /** Whether this is to be the child of a span that was not received, not a trace's root. */
  boolean continuesATrace() {
    return continuesATrace;
  }

  /** Why {@code span} is not this span, leaving its children aside; empty when it is. */
  List<String> mismatches(ReceivedSpan span) {
    List<String> found = new ArrayList<>();
    if (!name.equals(span.name())) {
      found.add("name: expected " + quoted(name) + " but was " + quoted(span.name()));
    }
    for (Check check : checks) {
      try {
        check.requirement().accept(span);
      } catch (AssertionError failed) {
        found.add(failed.getMessage().strip().replaceAll("\\s*\\n\\s*", " "));
      }
    }
    return found;
  }

  /** One line: the name, then every requirement. */
  String describe() {
    String requirements = checks.stream().map(Check::description).collect(Collectors.joining(" "));
    String linked =
        links == null
            ? ""
            : links.isEmpty()
                ? " no links"
                : " links to "
                    + links.stream().map(ExpectedSpan::name).collect(Collectors.joining(", "));
    String order =
        switch (childrenMode) {
          case IN_START_ORDER -> "";
          case IN_ANY_ORDER -> children.size() > 1 ? " (children in any order)" : "";
          case AMONG_OTHERS -> " (among other children)";
        };
    return (name + (requirements.isEmpty() ? "" : " " + requirements) + linked + order).strip();
  }

  @Override
  public String toString() {
    return describe();
  }

  private ExpectedSpan with(String description, Consumer<ReceivedSpan> requirement) {
    List<Check> more = new ArrayList<>(checks);
    more.add(new Check(description, requirement));
    return new ExpectedSpan(name, more, links, continuesATrace, children, childrenMode);
  }

  private static String quoted(String value) {
    return value == null ? "(absent)" : "\"" + value.replace("\n", "\\n") + "\"";
  }

  /** A value short enough for one line of a printed tree. */
  private static String shortQuoted(String value) {
    return quoted(value.length() > 60 ? value.substring(0, 57) + "..." : value);
  }
}
