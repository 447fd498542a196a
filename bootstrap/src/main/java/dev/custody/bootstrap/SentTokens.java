package dev.custody.bootstrap;

/**
 * What one case sent to models and tools, as keyed fingerprints of its tokens ({@link
 * TokenFingerprints}): when the case later fetches a credential whose value is among them, the
 * secret was exposed before Custody knew it was one. Part of the {@link CaseRecord}; bounded to
 * {@link #MAX_TOKENS} tokens, the first kept.
 */
public final class SentTokens {

  /** Where a token was sent; bits of {@link #sentIn}. */
  public static final int PROMPT = 1;

  public static final int TOOL = 2;
  public static final int MESSAGES = 4;

  static final int MAX_TOKENS = 4096;
  static final int SHORTEST = KnownSecrets.MIN_LENGTH;
  static final int LONGEST = 1024;

  // Open addressing, half full at most; grown as the case sends more.
  private long[] fingerprints = new long[64];
  private byte[] where = new byte[64];
  private int size;

  /**
   * Remembers the tokens of {@code text} sent {@code to} a model or tool: each run between spaces,
   * quotes and brackets, without trailing punctuation, and what follows its first {@code =} or
   * {@code :} ({@code password=...}).
   */
  public synchronized void sent(String text, int to) {
    int length = text.length();
    int i = 0;
    while (i < length && size < MAX_TOKENS) {
      if (isSeparator(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && !isSeparator(text.charAt(i))) {
        i++;
      }
      int end = i;
      while (end > start && ".:!?".indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      add(text, start, end, to);
      for (int j = start; j < end; j++) {
        if (text.charAt(j) == '=' || text.charAt(j) == ':') {
          add(text, j + 1, end, to);
          break;
        }
      }
    }
  }

  /**
   * Where a token equal to {@code value} was sent: a combination of {@link #PROMPT}, {@link #TOOL},
   * {@link #MESSAGES}.
   */
  public synchronized int sentIn(String value) {
    String token = value.strip();
    if (token.length() < SHORTEST || token.length() > LONGEST) {
      return 0;
    }
    long fingerprint = TokenFingerprints.of(token, 0, token.length());
    for (int slot = slotOf(fingerprint);
        fingerprints[slot] != 0;
        slot = (slot + 1) % fingerprints.length) {
      if (fingerprints[slot] == fingerprint) {
        return where[slot];
      }
    }
    return 0;
  }

  private void add(String text, int start, int end, int to) {
    if (end - start < SHORTEST
        || end - start > LONGEST
        || size >= MAX_TOKENS
        || isLowerCaseWord(text, start, end)) {
      return;
    }
    if (2 * (size + 1) > fingerprints.length) {
      grow();
    }
    put(TokenFingerprints.of(text, start, end), (byte) to);
  }

  private void put(long fingerprint, byte to) {
    int slot = slotOf(fingerprint);
    while (fingerprints[slot] != 0 && fingerprints[slot] != fingerprint) {
      slot = (slot + 1) % fingerprints.length;
    }
    if (fingerprints[slot] == 0) {
      fingerprints[slot] = fingerprint;
      size++;
    }
    where[slot] |= to;
  }

  private void grow() {
    long[] oldFingerprints = fingerprints;
    byte[] oldWhere = where;
    fingerprints = new long[oldFingerprints.length * 2];
    where = new byte[oldFingerprints.length * 2];
    size = 0;
    for (int slot = 0; slot < oldFingerprints.length; slot++) {
      if (oldFingerprints[slot] != 0) {
        put(oldFingerprints[slot], oldWhere[slot]);
      }
    }
  }

  /** Prose: a credential is no plain lower-case word, and prose is mostly such words. */
  private static boolean isLowerCaseWord(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private int slotOf(long fingerprint) {
    return (int) ((fingerprint >>> 1) % fingerprints.length);
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || "\"'`,;()[]{}<>".indexOf(c) >= 0;
  }
}
