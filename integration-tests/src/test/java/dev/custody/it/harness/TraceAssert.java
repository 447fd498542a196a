package dev.custody.it.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks received spans against trees of {@link ExpectedSpan}s, the whole case at once: {@link
 * #hasTree} says the spans are exactly that tree (an extra span fails it), {@link #containsTree}
 * that the tree is somewhere among them. Below its root, a tree is exact unless a span's children
 * are listed as {@link ExpectedSpan#childrenIncluding}. A failure prints the expected tree, the
 * received one (names, kinds, ids, indented) and what differs.
 */
public final class TraceAssert {

  private static final Comparator<ReceivedSpan> START_ORDER =
      Comparator.comparingLong(ReceivedSpan::startNanos).thenComparing(ReceivedSpan::spanId);

  private final Spans spans;
  private final Map<String, ReceivedSpan> byId = new HashMap<>();
  private final Map<String, List<ReceivedSpan>> childrenById = new HashMap<>();
  private final List<ReceivedSpan> tops = new ArrayList<>();

  /**
   * Whether an expectation matches a span with everything under it, and how: computed once per
   * pair.
   */
  private final Map<ExpectedSpan, Map<ReceivedSpan, List<Pair>>> memo = new IdentityHashMap<>();

  private Map<ExpectedSpan, List<ReceivedSpan>> received = Map.of();

  /** Whether every received span must be in the trees asserted. */
  private boolean exact;

  private TraceAssert(Spans spans) {
    this.spans = spans;
    for (ReceivedSpan span : spans.all()) {
      byId.put(key(span.traceId(), span.spanId()), span);
    }
    for (ReceivedSpan span : spans.all()) {
      String parent = key(span.traceId(), span.parentSpanId());
      if (byId.containsKey(parent)) {
        childrenById.computeIfAbsent(parent, id -> new ArrayList<>()).add(span);
      } else {
        tops.add(span);
      }
    }
    childrenById.values().forEach(children -> children.sort(START_ORDER));
    tops.sort(START_ORDER);
  }

  public static TraceAssert assertThat(Spans spans) {
    return new TraceAssert(spans);
  }

  /**
   * The spans are exactly this tree: every span is in it, each span's children are those listed
   * (none when none is, unless they are {@link ExpectedSpan#childrenIncluding} others), and the
   * root is a trace's root (or {@link ExpectedSpan#childOf} the span id it names).
   */
  public TraceAssert hasTree(ExpectedSpan root) {
    return hasTrees(root);
  }

  /** The spans are exactly these trees, in any order, each as {@link #hasTree} says. */
  public TraceAssert hasTrees(ExpectedSpan... roots) {
    exact = true;
    memo.clear();
    List<ExpectedSpan> expected = Arrays.asList(roots);
    List<Pair> found = roots.length == tops.size() ? assign(expected, tops, false, true) : null;
    if (found == null) {
      fail("exactly", expected, explainTops(expected));
    }
    return accept(expected, found);
  }

  /** This tree is among the spans: its root anywhere, the spans beside it no part of the test. */
  public TraceAssert containsTree(ExpectedSpan root) {
    exact = false;
    memo.clear();
    List<Pair> found = null;
    for (ReceivedSpan span : spans.all()) {
      found = match(root, span);
      if (found != null) {
        break;
      }
    }
    if (found == null) {
      fail("containing", List.of(root), explainTops(List.of(root)));
    }
    return accept(List.of(root), found);
  }

  /** Every span, whatever tree it is in, has the attribute {@code key} equal to {@code value}. */
  public TraceAssert everySpanHas(String key, String value) {
    List<String> without =
        spans.all().stream()
            .filter(span -> !value.equals(span.attr(key)))
            .map(span -> label(span) + " has " + key + "=" + span.attr(key))
            .toList();
    if (!without.isEmpty() || spans.all().isEmpty()) {
      throw new AssertionError(
          "expected every span to have "
              + key
              + "="
              + value
              + "\n  "
              + String.join("\n  ", without)
              + "\nreceived:\n"
              + render());
    }
    return this;
  }

  /** No span, whatever tree it is in, has the attribute {@code key}. */
  public TraceAssert noSpanHas(String key) {
    List<String> with =
        spans.all().stream()
            .filter(span -> span.has(key))
            .map(span -> label(span) + " has " + key + "=" + span.attr(key))
            .toList();
    if (!with.isEmpty()) {
      throw new AssertionError(
          "expected no span to have "
              + key
              + "\n  "
              + String.join("\n  ", with)
              + "\nreceived:\n"
              + render());
    }
    return this;
  }

  /**
   * The span {@code expected} matched in the last tree asserted; it must be used once in that tree.
   */
  public ReceivedSpan received(ExpectedSpan expected) {
    List<ReceivedSpan> matched = received.getOrDefault(expected, List.of());
    if (matched.size() != 1) {
      throw new IllegalArgumentException(
          "'"
              + expected.name()
              + "' matched "
              + matched.size()
              + " spans in the tree asserted, not one: "
              + matched);
    }
    return matched.get(0);
  }

  private TraceAssert accept(List<ExpectedSpan> roots, List<Pair> found) {
    Map<ExpectedSpan, List<ReceivedSpan>> matched = new IdentityHashMap<>();
    found.forEach(
        pair -> matched.computeIfAbsent(pair.expected(), e -> new ArrayList<>()).add(pair.span()));
    received = matched;
    List<String> wrongLinks = new ArrayList<>();
    for (Pair pair : found) {
      if (pair.expected().links() == null) {
        continue;
      }
      List<String> targets = new ArrayList<>();
      for (ExpectedSpan target : pair.expected().links()) {
        List<ReceivedSpan> spansOfTarget = matched.getOrDefault(target, List.of());
        targets.add(
            spansOfTarget.size() == 1
                ? spansOfTarget.get(0).spanId()
                : target.name() + " (used " + spansOfTarget.size() + " times in the tree)");
      }
      if (!pair.span().linkedSpanIds().equals(targets)) {
        wrongLinks.add(
            label(pair.span())
                + ": links to "
                + pair.span().linkedSpanIds()
                + ", expected "
                + targets);
      }
    }
    if (!wrongLinks.isEmpty()) {
      fail(exact ? "exactly" : "containing", roots, wrongLinks);
    }
    return this;
  }

  /**
   * The pairs of {@code expected} matched to {@code span} and everything under it; null when it
   * does not match.
   */
  private List<Pair> match(ExpectedSpan expected, ReceivedSpan span) {
    Map<ReceivedSpan, List<Pair>> bySpan =
        memo.computeIfAbsent(expected, e -> new IdentityHashMap<>());
    if (bySpan.containsKey(span)) {
      return bySpan.get(span);
    }
    List<Pair> found = null;
    if (expected.mismatches(span).isEmpty()) {
      List<ReceivedSpan> children = childrenOf(span);
      List<ExpectedSpan> wanted = expected.children();
      boolean all = expected.childrenMode() != ExpectedSpan.Children.AMONG_OTHERS;
      if (!all || wanted.size() == children.size()) {
        boolean ordered = expected.childrenMode() != ExpectedSpan.Children.IN_ANY_ORDER;
        List<Pair> below = assign(wanted, children, ordered, all);
        if (below != null) {
          found = new ArrayList<>(below);
          found.add(0, new Pair(expected, span));
        }
      }
    }
    bySpan.put(span, found);
    return found;
  }

  /**
   * Each of {@code wanted} matched to its own span of {@code candidates}, which it covers when
   * {@code all} (it is as long); in order of start when {@code ordered}. Null when there is no such
   * assignment.
   */
  private List<Pair> assign(
      List<ExpectedSpan> wanted, List<ReceivedSpan> candidates, boolean ordered, boolean all) {
    List<Pair> found = new ArrayList<>();
    if (ordered) {
      // all: the i-th started is the i-th listed; else the earliest fitting span after the previous
      // one's
      int next = 0;
      for (ExpectedSpan expected : wanted) {
        List<Pair> matched = null;
        while (matched == null && next < candidates.size()) {
          matched = match(expected, candidates.get(next++));
          if (all && matched == null) {
            return null;
          }
        }
        if (matched == null) {
          return null;
        }
        found.addAll(matched);
      }
      return found;
    }
    ReceivedSpan[] owner = new ReceivedSpan[wanted.size()];
    Map<ReceivedSpan, Integer> takenBy = new IdentityHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      if (!augment(i, wanted, candidates, owner, takenBy, new IdentityHashMap<>())) {
        return null;
      }
    }
    for (int i = 0; i < wanted.size(); i++) {
      found.addAll(match(wanted.get(i), owner[i]));
    }
    return found;
  }

  /**
   * One step of Kuhn's bipartite matching: finds {@code wanted[i]} a span, moving others along if
   * need be.
   */
  private boolean augment(
      int i,
      List<ExpectedSpan> wanted,
      List<ReceivedSpan> candidates,
      ReceivedSpan[] owner,
      Map<ReceivedSpan, Integer> takenBy,
      Map<ReceivedSpan, Boolean> visited) {
    for (ReceivedSpan candidate : candidates) {
      if (visited.containsKey(candidate)
          || !isRootOk(wanted.get(i), candidate, candidates)
          || match(wanted.get(i), candidate) == null) {
        continue;
      }
      visited.put(candidate, true);
      Integer holder = takenBy.get(candidate);
      if (holder == null || augment(holder, wanted, candidates, owner, takenBy, visited)) {
        owner[i] = candidate;
        takenBy.put(candidate, i);
        return true;
      }
    }
    return false;
  }

  /**
   * A root of an exact tree is a trace's root, unless it says whose child it is; below the tops,
   * any span is.
   */
  private boolean isRootOk(
      ExpectedSpan expected, ReceivedSpan candidate, List<ReceivedSpan> candidates) {
    if (candidates != tops) {
      return true;
    }
    return !exact || expected.continuesATrace() || candidate.parentSpanId().isEmpty();
  }

  private List<ReceivedSpan> childrenOf(ReceivedSpan span) {
    return childrenById.getOrDefault(key(span.traceId(), span.spanId()), List.of());
  }

  // ---- failure messages ----

  private List<String> explainTops(List<ExpectedSpan> roots) {
    List<String> why = new ArrayList<>();
    List<ReceivedSpan> candidates = exact ? tops : spans.all();
    List<ReceivedSpan> unused = new ArrayList<>(candidates);
    for (ExpectedSpan root : roots) {
      ReceivedSpan twin = closest(root, unused);
      if (twin == null) {
        why.add(
            "no span " + (exact ? "at the top " : "") + "matches " + root.name() + elsewhere(root));
        continue;
      }
      unused.remove(twin);
      if (!isRootOk(root, twin, tops)) {
        why.add(label(twin) + ": parent: expected none but was " + twin.parentSpanId());
      }
      explain(root, twin, why);
    }
    if (exact) {
      unused.forEach(span -> why.add("unexpected span at the top: " + label(span)));
    }
    return why;
  }

  /** Adds to {@code why} what keeps {@code span} and its subtree from matching {@code expected}. */
  private void explain(ExpectedSpan expected, ReceivedSpan span, List<String> why) {
    int known = why.size();
    expected.mismatches(span).forEach(mismatch -> why.add(label(span) + ": " + mismatch));
    List<ReceivedSpan> unused = new ArrayList<>(childrenOf(span));
    List<ExpectedSpan> missing = new ArrayList<>();
    List<ReceivedSpan> matchedInOrder = new ArrayList<>();
    for (ExpectedSpan child : expected.children()) {
      ReceivedSpan same =
          unused.stream()
              .filter(candidate -> match(child, candidate) != null)
              .findFirst()
              .orElse(null);
      if (same != null) {
        unused.remove(same);
        matchedInOrder.add(same);
      } else {
        missing.add(child);
      }
    }
    for (ExpectedSpan child : missing) {
      ReceivedSpan twin = closest(child, unused);
      if (twin != null) {
        unused.remove(twin);
        explain(child, twin, why);
      } else {
        why.add("missing under " + label(span) + ": " + child.describe() + elsewhere(child));
      }
    }
    if (expected.childrenMode() != ExpectedSpan.Children.AMONG_OTHERS) {
      unused.forEach(extra -> why.add("unexpected under " + label(span) + ": " + label(extra)));
    }
    if (missing.isEmpty()
        && expected.childrenMode() != ExpectedSpan.Children.IN_ANY_ORDER
        && !isSorted(matchedInOrder)) {
      why.add(
          "children of "
              + label(span)
              + " started in another order: "
              + childrenOf(span).stream().map(ReceivedSpan::name).toList());
    }
    if (why.size() == known) {
      why.add(
          "under "
              + label(span)
              + ": no assignment of its children to the expected ones fits them all");
    }
  }

  /**
   * Of the spans named as {@code expected} is, the one that differs least from it, with its
   * subtree; or null.
   */
  private ReceivedSpan closest(ExpectedSpan expected, List<ReceivedSpan> candidates) {
    ReceivedSpan best = null;
    int fewest = Integer.MAX_VALUE;
    for (ReceivedSpan candidate : candidates) {
      if (candidate.name().equals(expected.name())) {
        List<String> differences = new ArrayList<>();
        explain(expected, candidate, differences);
        if (differences.size() < fewest) {
          best = candidate;
          fewest = differences.size();
        }
      }
    }
    return best;
  }

  private static boolean isSorted(List<ReceivedSpan> spans) {
    for (int i = 1; i < spans.size(); i++) {
      if (START_ORDER.compare(spans.get(i - 1), spans.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Where spans of that name are, when not where expected: a wrong parent reads as such. */
  private String elsewhere(ExpectedSpan expected) {
    List<String> places =
        spans.all().stream()
            .filter(span -> span.name().equals(expected.name()))
            .map(
                span -> {
                  ReceivedSpan parent = byId.get(key(span.traceId(), span.parentSpanId()));
                  return label(span) + (parent == null ? " at the top" : " under " + label(parent));
                })
            .toList();
    return places.isEmpty()
        ? " (no span of that name received)"
        : " (received: " + String.join("; ", places) + ")";
  }

  private void fail(String how, List<ExpectedSpan> roots, List<String> why) {
    StringBuilder message = new StringBuilder("Expected spans " + how + " like:\n");
    roots.forEach(root -> renderExpected(root, 1, message));
    message.append("but received:\n").append(render()).append("Differences:\n");
    why.forEach(line -> message.append("  - ").append(line).append('\n'));
    throw new AssertionError(message.toString());
  }

  private static void renderExpected(ExpectedSpan expected, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append(expected.describe()).append('\n');
    expected.children().forEach(child -> renderExpected(child, depth + 1, out));
  }

  /**
   * The received spans as trees, as a trace view shows them: children indented under parents, in
   * start order.
   */
  private String render() {
    StringBuilder out = new StringBuilder();
    Map<String, List<ReceivedSpan>> byTrace =
        tops.stream()
            .collect(
                Collectors.groupingBy(
                    ReceivedSpan::traceId, LinkedHashMap::new, Collectors.toList()));
    byTrace.forEach(
        (traceId, roots) -> {
          out.append("  trace ").append(traceId).append('\n');
          roots.forEach(root -> renderReceived(root, 2, out));
        });
    return out.toString();
  }

  private void renderReceived(ReceivedSpan span, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append(label(span));
    if (depth == 2 && !span.parentSpanId().isEmpty()) {
      out.append(" (parent ").append(span.parentSpanId()).append(" not received)");
    }
    out.append('\n');
    childrenOf(span).forEach(child -> renderReceived(child, depth + 1, out));
  }

  private String label(ReceivedSpan span) {
    boolean severalServices =
        spans.all().stream().map(ReceivedSpan::serviceName).distinct().count() > 1;
    return span.name()
        + " ["
        + span.kind().name().replace("SPAN_KIND_", "")
        + "] "
        + span.spanId()
        + (severalServices ? " @" + span.serviceName() : "")
        + (span.isError() ? " ERROR" : "");
  }

  private static String key(String traceId, String spanId) {
    return traceId + "/" + spanId;
  }

  private record Pair(ExpectedSpan expected, ReceivedSpan span) {}
}
