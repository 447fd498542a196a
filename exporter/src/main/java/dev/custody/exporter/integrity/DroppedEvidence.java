package dev.custody.exporter.integrity;

import static dev.custody.core.CustodyAttributes.CHECKPOINT_SPAN_NAME;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was dropped after it was numbered (the durable buffer gave it up: over budget, too old, or
 * rejected by the backend), as a later checkpoint names it, so that a verifier reports the gap as
 * dropped, not as deleted: per stream, the sequence numbers of the spans and the indexes of the
 * checkpoints. RFC 8785 JSON of {@code {"stream": {"checkpoints": "3", "spans": "1-40,45"}}}.
 */
public final class DroppedEvidence {

  /** Most ranges one checkpoint names; beyond them a loss is only counted and logged. */
  static final int MAX_RANGES = 4096;

  private final Map<String, Ranges> spans = new TreeMap<>();
  private final Map<String, Ranges> checkpoints = new TreeMap<>();
  private long tallied;

  /** Tallies one dropped span from its name and attributes, as stored. */
  public void add(String name, String stream, Long seq, Long checkpointIndex) {
    add(name, stream, seq, checkpointIndex, null);
  }

  /**
   * Tallies one dropped span; a dropped checkpoint's own {@code note} of what was dropped before it
   * is carried to the next checkpoint, so no loss goes unnamed because its note was lost too.
   */
  public void add(String name, String stream, Long seq, Long checkpointIndex, String note) {
    tallied++;
    if (stream == null) {
      return;
    } else if (CHECKPOINT_SPAN_NAME.equals(name) && checkpointIndex != null) {
      add(checkpoints, stream, checkpointIndex);
      if (note != null) {
        DroppedEvidence carried = parse(note);
        carried.spans.forEach((about, ranges) -> ranges(spans, about).addAll(ranges));
        carried.checkpoints.forEach((about, ranges) -> ranges(checkpoints, about).addAll(ranges));
      }
    } else if (seq != null) {
      add(spans, stream, seq);
    }
  }

  public void addAll(DroppedEvidence other) {
    other.spans.forEach((stream, ranges) -> ranges(spans, stream).addAll(ranges));
    other.checkpoints.forEach((stream, ranges) -> ranges(checkpoints, stream).addAll(ranges));
    tallied += other.tallied;
  }

  /** Adds what {@code other} names of {@code stream} only. */
  public void addAll(DroppedEvidence other, String stream) {
    ranges(spans, stream).addAll(other.spans(stream));
    ranges(checkpoints, stream).addAll(other.checkpoints(stream));
  }

  /**
   * How many spans were tallied: numbered or not, checkpoints included, but not what a dropped
   * checkpoint's note carried (those were counted when they were dropped).
   */
  public long total() {
    return tallied;
  }

  public boolean isEmpty() {
    return spans.isEmpty() && checkpoints.isEmpty();
  }

  /** The numbers of {@code stream}'s dropped spans. */
  public Ranges spans(String stream) {
    return spans.getOrDefault(stream, Ranges.NONE);
  }

  /** The indexes of {@code stream}'s dropped checkpoints. */
  public Ranges checkpoints(String stream) {
    return checkpoints.getOrDefault(stream, Ranges.NONE);
  }

  public Iterable<String> streams() {
    TreeMap<String, Boolean> all = new TreeMap<>();
    spans.keySet().forEach(stream -> all.put(stream, true));
    checkpoints.keySet().forEach(stream -> all.put(stream, true));
    return all.keySet();
  }

  String json() {
    Map<String, Object> streams = new TreeMap<>();
    for (String stream : streams()) {
      Map<String, Object> dropped = new TreeMap<>();
      if (spans.containsKey(stream)) {
        dropped.put("spans", spans.get(stream).toString());
      }
      if (checkpoints.containsKey(stream)) {
        dropped.put("checkpoints", checkpoints.get(stream).toString());
      }
      streams.put(stream, dropped);
    }
    return new String(CanonicalJson.bytes(streams), StandardCharsets.UTF_8);
  }

  /** What a checkpoint's {@code dropped} field names; empty when none or unreadable. */
  public static DroppedEvidence parse(String json) {
    DroppedEvidence dropped = new DroppedEvidence();
    try {
      if (JsonReader.read(json == null ? "{}" : json) instanceof Map<?, ?> streams) {
        streams.forEach(
            (stream, fields) -> {
              if (fields instanceof Map<?, ?> map) {
                ranges(dropped.spans, (String) stream).addAll(Ranges.parse(map.get("spans")));
                ranges(dropped.checkpoints, (String) stream)
                    .addAll(Ranges.parse(map.get("checkpoints")));
              }
            });
      }
    } catch (JsonParseException | NumberFormatException e) {
      return new DroppedEvidence();
    }
    return dropped;
  }

  private static void add(Map<String, Ranges> byStream, String stream, long number) {
    ranges(byStream, stream).add(number, number);
  }

  private static Ranges ranges(Map<String, Ranges> byStream, String stream) {
    return byStream.computeIfAbsent(stream, s -> new Ranges());
  }

  /** Numbers as merged ranges, at most {@link #MAX_RANGES}. */
  public static final class Ranges {

    static final Ranges NONE = new Ranges();

    private final TreeMap<Long, Long> ends = new TreeMap<>();

    public boolean contains(long number) {
      Map.Entry<Long, Long> range = ends.floorEntry(number);
      return range != null && number <= range.getValue();
    }

    public long count() {
      long count = 0;
      for (Map.Entry<Long, Long> range : ends.entrySet()) {
        count += range.getValue() - range.getKey() + 1;
      }
      return count;
    }

    /** How many numbers from {@code from} to {@code to} it holds. */
    public long countWithin(long from, long to) {
      long count = 0;
      Long start = ends.floorKey(from);
      for (Map.Entry<Long, Long> range :
          ends.subMap(start == null ? from : start, true, to, true).entrySet()) {
        count += Math.max(0, Math.min(to, range.getValue()) - Math.max(from, range.getKey()) + 1);
      }
      return count;
    }

    /** The runs from {@code from} to {@code to} it does not hold, as {@code {first, last}}. */
    public List<long[]> gapsWithin(long from, long to) {
      List<long[]> gaps = new ArrayList<>();
      long next = from;
      Long start = ends.floorKey(from);
      for (Map.Entry<Long, Long> range :
          ends.subMap(start == null ? from : start, true, to, true).entrySet()) {
        if (range.getKey() > next) {
          gaps.add(new long[] {next, range.getKey() - 1});
        }
        next = Math.max(next, range.getValue() + 1);
      }
      if (next <= to) {
        gaps.add(new long[] {next, to});
      }
      return gaps;
    }

    /** Adds {@code from} to {@code to}, merged with the ranges it touches. */
    void add(long from, long to) {
      if (from < 0 || from > to) {
        return;
      }
      Map.Entry<Long, Long> lower = ends.floorEntry(from);
      if (lower != null && lower.getValue() >= from - 1) {
        from = lower.getKey();
        to = Math.max(to, lower.getValue());
        ends.remove(from);
      }
      for (Map.Entry<Long, Long> next = ends.ceilingEntry(from);
          next != null && next.getKey() <= to + 1;
          next = ends.ceilingEntry(from)) {
        to = Math.max(to, next.getValue());
        ends.remove(next.getKey());
      }
      if (ends.size() < MAX_RANGES) {
        ends.put(from, to);
      }
    }

    void addAll(Ranges other) {
      other.ends.forEach(this::add);
    }

    static Ranges parse(Object text) {
      Ranges ranges = new Ranges();
      if (text instanceof String list && !list.isEmpty()) {
        for (String range : list.split(",")) {
          int dash = range.indexOf('-');
          long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
          ranges.add(from, dash < 0 ? from : Long.parseLong(range.substring(dash + 1)));
        }
      }
      return ranges;
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      ends.forEach(
          (from, to) ->
              text.append(text.length() == 0 ? "" : ",")
                  .append(from)
                  .append(from.equals(to) ? "" : "-" + to));
      return text.toString();
    }
  }
}
