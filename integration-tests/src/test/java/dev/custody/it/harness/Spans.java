package dev.custody.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads over a set of received spans: find by name, walk parents, gather a span's descendants. */
public record Spans(List<ReceivedSpan> all) {

  public List<ReceivedSpan> named(String prefix) {
    return all.stream().filter(span -> span.name().startsWith(prefix)).toList();
  }

  /** The single span whose name starts with {@code prefix}; fails the test otherwise. */
  public ReceivedSpan one(String prefix) {
    List<ReceivedSpan> found = named(prefix);
    assertThat(found).as("spans named %s* in %s", prefix, all).hasSize(1);
    return found.get(0);
  }

  public List<ReceivedSpan> where(Predicate<ReceivedSpan> predicate) {
    return all.stream().filter(predicate).toList();
  }

  public ReceivedSpan parentOf(ReceivedSpan span) {
    return all.stream()
        .filter(candidate -> candidate.traceId().equals(span.traceId()))
        .filter(candidate -> candidate.spanId().equals(span.parentSpanId()))
        .findFirst()
        .orElse(null);
  }

  /** Every span below {@code root} in its trace, at any depth. */
  public List<ReceivedSpan> descendantsOf(ReceivedSpan root) {
    List<ReceivedSpan> found = new ArrayList<>();
    for (ReceivedSpan span : all) {
      for (ReceivedSpan up = parentOf(span); up != null; up = parentOf(up)) {
        if (up.spanId().equals(root.spanId())) {
          found.add(span);
          break;
        }
      }
    }
    return found;
  }

  /** The spans of {@code span}'s trace. */
  public Spans traceOf(ReceivedSpan span) {
    return new Spans(where(candidate -> candidate.traceId().equals(span.traceId())));
  }

  public Map<String, List<ReceivedSpan>> byTrace() {
    return all.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
  }

  public boolean isDescendant(ReceivedSpan span, ReceivedSpan ancestor) {
    for (ReceivedSpan up = parentOf(span); up != null; up = parentOf(up)) {
      if (Objects.equals(up.spanId(), ancestor.spanId())) {
        return true;
      }
    }
    return false;
  }
}
