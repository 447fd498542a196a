package dev.custody.bootstrap;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/**
 * Every secret value a credential fetch returned in this JVM, so the scrubber can remove it from any captured text.
 * Bounded: the oldest values are forgotten first. Values live only in memory and are never exported.
 */
public final class FetchedSecrets {

  /** Shorter values cannot be removed from text without mangling ordinary words. */
  public static final int MIN_LENGTH = 6;

  static final int MAX_VALUES = 1024;
  static final int MAX_VALUE_LENGTH = 64 * 1024;

  private static final Set<String> known = new HashSet<>();
  private static final ArrayDeque<String> oldestFirst = new ArrayDeque<>();
  private static volatile String[] longestFirst = new String[0];

  private FetchedSecrets() {}

  /** Remembers a fetched value and its JSON-escaped form, which is how it appears inside tool arguments. */
  public static void remember(String value) {
    if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_VALUE_LENGTH) {
      return;
    }
    synchronized (known) {
      boolean changed = add(value);
      String escaped = JsonStrings.escape(value);
      if (!escaped.equals(value)) {
        changed |= add(escaped);
      }
      if (changed) {
        String[] sorted = known.toArray(new String[0]);
        Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        longestFirst = sorted;
      }
    }
  }

  /** The remembered values, longest first so that a value containing another is replaced whole. */
  public static String[] values() {
    return longestFirst;
  }

  /** Forgets everything; for tests. */
  public static void clear() {
    synchronized (known) {
      known.clear();
      oldestFirst.clear();
      longestFirst = new String[0];
    }
  }

  private static boolean add(String value) {
    if (!known.add(value)) {
      return false;
    }
    oldestFirst.addLast(value);
    if (oldestFirst.size() > MAX_VALUES) {
      known.remove(oldestFirst.removeFirst());
    }
    return true;
  }
}
