package dev.custody.exporter.integrity;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which sequence numbers of a checkpoint belong to which case, so one case can be verified on its
 * own and a deleted span of it be named as the case's: RFC 8785 JSON of {@code {"case id":
 * "3-5,9"}}, numbers ascending. A case id longer than {@link #MAX_KEY} (it can come from a caller's
 * baggage) is named by {@code sha256:} and the hex of the first 16 bytes of the SHA-256 of its
 * UTF-8 bytes.
 */
public final class CheckpointCases {

  static final int MAX_KEY = 128;

  private final SortedMap<String, List<Long>> numbers = new TreeMap<>();

  /** How a checkpoint names {@code caseId}. */
  public static String key(String caseId) {
    if (caseId.length() <= MAX_KEY) {
      return caseId;
    }
    return "sha256:"
        + HexFormat.of().formatHex(CanonicalSpan.digest(caseId.getBytes(StandardCharsets.UTF_8)));
  }

  /** Adds {@code seq}, which must be above every number added before. */
  void add(String caseId, long seq) {
    numbers.computeIfAbsent(key(caseId), k -> new ArrayList<>()).add(seq);
  }

  String json() {
    Map<String, Object> ranges = new TreeMap<>();
    numbers.forEach((key, seqs) -> ranges.put(key, ranges(seqs)));
    return new String(CanonicalJson.bytes(ranges), StandardCharsets.UTF_8);
  }

  /** The numbers {@code json} gives the case {@code caseId}; empty when none or unreadable. */
  public static List<Long> numbersOf(String json, String caseId) {
    List<Long> seqs = new ArrayList<>();
    try {
      Object ranges = JsonReader.read(json == null ? "{}" : json);
      Object text = ranges instanceof Map<?, ?> map ? map.get(key(caseId)) : null;
      if (text instanceof String list && !list.isEmpty()) {
        for (String range : list.split(",")) {
          int dash = range.indexOf('-');
          long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
          long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
          for (long seq = from;
              seq <= to && seqs.size() < EvidenceChain.MAX_SPANS_PER_CHECKPOINT;
              seq++) {
            seqs.add(seq);
          }
        }
      }
    } catch (JsonParseException | NumberFormatException e) {
      return List.of();
    }
    return seqs;
  }

  private static String ranges(List<Long> seqs) {
    StringBuilder ranges = new StringBuilder();
    for (int i = 0; i < seqs.size(); ) {
      int j = i;
      while (j + 1 < seqs.size() && seqs.get(j + 1) == seqs.get(j) + 1) {
        j++;
      }
      ranges.append(ranges.length() == 0 ? "" : ",").append(seqs.get(i));
      if (j > i) {
        ranges.append('-').append(seqs.get(j));
      }
      i = j + 1;
    }
    return ranges.toString();
  }
}
