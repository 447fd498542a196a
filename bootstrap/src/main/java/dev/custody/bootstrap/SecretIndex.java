package dev.custody.bootstrap;

import java.util.List;

/**
 * Finds every known secret value, in every {@linkplain SecretForms form}, in a text, in one pass
 * whatever the number of values: a rolling hash of each {@value #WINDOW}-character window of the
 * text is looked up among the first windows of all forms; only a hit compares characters.
 * Immutable: the registry builds a new index when its values change.
 */
public final class SecretIndex {

  /** Receives the place of each value found: {@code [start, end)} of the text. */
  @FunctionalInterface
  public interface Matches {
    void found(int start, int end);
  }

  /** The shortest form; also the length of the windows hashed. */
  static final int WINDOW = 6;

  /** The fewest characters of a form that a text cut inside it must hold to count as the form. */
  static final int SHORTEST_CUT = 10;

  static final SecretIndex EMPTY = new SecretIndex(List.of());

  private static final long BASE = 0x100000001b3L;
  private static final long BASE_POWER = power(BASE, WINDOW - 1);

  private final String[] forms;
  private final boolean[] encoded;
  private final long[] slotHashes;
  private final int[] slotFirstForm;
  private final int[] nextForm;
  private final int mask;
  private final int longestForm;

  SecretIndex(List<SecretForms.Form> all) {
    int count = all.size();
    forms = new String[count];
    encoded = new boolean[count];
    nextForm = new int[count];
    int capacity = Integer.highestOneBit(Math.max(4, count * 2) - 1) << 1;
    slotHashes = new long[capacity];
    slotFirstForm = new int[capacity];
    mask = capacity - 1;
    int longest = 0;
    for (int i = 0; i < count; i++) {
      SecretForms.Form form = all.get(i);
      forms[i] = form.text();
      encoded[i] = form.encoded();
      longest = Math.max(longest, form.text().length());
      long hash = windowHash(form.text());
      int slot = slotOf(hash);
      while (slotHashes[slot] != 0 && slotHashes[slot] != hash) {
        slot = (slot + 1) & mask;
      }
      nextForm[i] = slotHashes[slot] == hash ? slotFirstForm[slot] : -1;
      slotHashes[slot] = hash;
      slotFirstForm[slot] = i;
    }
    longestForm = longest;
  }

  public boolean isEmpty() {
    return forms.length == 0;
  }

  /**
   * The length of the longest form: a text cut this far past a point leaves no value cut in two
   * before it.
   */
  public int longestForm() {
    return longestForm;
  }

  /**
   * Reports each place a form occurs in {@code text}, and a form that {@code text} ends in the
   * middle of (a value cut by a length limit). An encoded form is reported with the whole run of
   * base64 or hex characters around it. Places may overlap. Time is linear in the text's length
   * plus the characters compared on hash hits.
   */
  public void find(String text, Matches matches) {
    int length = text.length();
    if (forms.length == 0 || length < WINDOW) {
      return;
    }
    long hash = 0;
    for (int i = 0; i < WINDOW; i++) {
      hash = hash * BASE + SecretForms.normalize(text.charAt(i));
    }
    int expandedStart = -1;
    int expandedEnd = -1;
    for (int start = 0; ; start++) {
      long key = hash == 0 ? 1 : hash;
      int slot = slotOf(key);
      while (slotHashes[slot] != 0) {
        if (slotHashes[slot] == key) {
          for (int form = slotFirstForm[slot]; form >= 0; form = nextForm[form]) {
            int end = matchEnd(text, start, forms[form]);
            if (end < 0) {
              continue;
            }
            if (!encoded[form]) {
              matches.found(start, end);
            } else if (start < expandedStart || end > expandedEnd) {
              expandedStart = encodedRunStart(text, start);
              expandedEnd = encodedRunEnd(text, end);
              matches.found(expandedStart, expandedEnd);
            }
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
      int next = start + WINDOW;
      if (next >= length) {
        return;
      }
      hash =
          (hash - SecretForms.normalize(text.charAt(start)) * BASE_POWER) * BASE
              + SecretForms.normalize(text.charAt(next));
    }
  }

  /**
   * Where the form found at {@code start} ends; the text's end if the text is cut inside the form
   * after at least {@link #SHORTEST_CUT} characters and half of it (fewer could be the start of an
   * ordinary word: a secret {@code orders-7f3a...} must not take {@code .../creds/orders} with it);
   * else -1.
   */
  private static int matchEnd(String text, int start, String form) {
    int length = Math.min(form.length(), text.length() - start);
    for (int i = 0; i < length; i++) {
      if (SecretForms.normalize(text.charAt(start + i)) != form.charAt(i)) {
        return -1;
      }
    }
    boolean cut = length < form.length();
    return !cut || (length >= SHORTEST_CUT && 2 * length >= form.length()) ? start + length : -1;
  }

  private static int encodedRunStart(String text, int start) {
    while (start > 0 && isEncodedChar(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  private static int encodedRunEnd(String text, int end) {
    while (end < text.length() && (isEncodedChar(text.charAt(end)) || text.charAt(end) == '=')) {
      end++;
    }
    return end;
  }

  /** Base64 in either alphabet, which includes hex. */
  private static boolean isEncodedChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  private int slotOf(long hash) {
    return (int) ((hash ^ (hash >>> 29)) * 0x9e3779b97f4a7c15L >>> 40) & mask;
  }

  private static long windowHash(String form) {
    long hash = 0;
    for (int i = 0; i < WINDOW; i++) {
      hash = hash * BASE + form.charAt(i);
    }
    return hash == 0 ? 1 : hash;
  }

  private static long power(long base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }
}
