package dev.custody.core.scrub;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.bootstrap.SecretIndex;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.content.ContentHasher;
import java.util.concurrent.TimeUnit;

/**
 * Replaces secrets in text with {@code [REDACTED:<kind>]}: every value a credential fetch returned
 * in this JVM or the configuration names, in any encoding ({@link KnownSecrets}); private keys,
 * vendor keys, JWTs, AWS keys, bearer and basic credentials ({@link PrivateKeys}, {@link
 * ShapedSecrets}, {@link AwsSecretKeys}); passwords in URLs ({@link UrlCredentials}); values
 * assigned to secret names ({@link SecretAssignments}); random tokens near secret words ({@link
 * SecretsInProse}). Every scanner runs in time linear in the text, and the scan of a text of 16 K
 * characters or more within {@code custody.scrub.budget_ms}.
 *
 * <p>Never throws: a text that cannot be scanned (too long, out of budget, an error of ours) is
 * replaced whole by {@code [UNSCANNED:<hash of the text>]}, and reported in a log line ({@link
 * ScrubFailures}).
 */
public final class SecretScrubber {

  public static final String UNSCANNED_PREFIX = "[UNSCANNED:";

  /**
   * Longer texts are not scanned at all: no attribute an application means to export is this long.
   */
  static final int LONGEST_SCANNED = 8 << 20;

  /**
   * Shorter texts are scanned whatever the time it takes: linear scanning makes them fast, and what
   * slows them (class loading, the first compilations, a garbage collection) must not make the
   * audit lose them.
   */
  static final int SHORTEST_BUDGETED = 16 * 1024;

  private SecretScrubber() {}

  /** The text with every secret replaced; null stays null. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    try {
      if (text.length() > LONGEST_SCANNED) {
        return unscanned(text, "it is longer than " + LONGEST_SCANNED + " characters");
      }
      SecretIndex knownSecrets = KnownSecrets.index();
      long budget =
          text.length() < SHORTEST_BUDGETED
              ? Long.MAX_VALUE
              : TimeUnit.MILLISECONDS.toNanos(CustodyConfig.current().scrubBudgetMillis());
      return scan(text, knownSecrets, new ScanBudget(budget));
    } catch (ScanBudget.Exceeded e) {
      return unscanned(text, "scanning it took longer than custody.scrub.budget_ms");
    } catch (Throwable t) {
      return unscanned(text, "scanning it failed: " + t);
    }
  }

  static String scan(String text, SecretIndex knownSecrets, ScanBudget budget) {
    Redactions found = new Redactions();
    knownSecrets.find(text, (start, end) -> found.add(start, end, "credential"));
    budget.check();
    PrivateKeys.find(text, found);
    ShapedSecrets.find(text, found);
    budget.check();
    AwsSecretKeys.find(text, found);
    UrlCredentials.find(text, found);
    budget.check();
    SecretAssignments.find(text, found);
    budget.check();
    SecretsInProse.find(text, found);
    return found.applyTo(text);
  }

  /**
   * What replaces a text that could not be scanned: its hash, so whoever holds the original can
   * still prove it.
   */
  static String unscanned(String text, String why) {
    ScrubFailures.report(text.length(), why);
    try {
      return UNSCANNED_PREFIX + ContentHasher.hash(text, CustodyConfig.current().hashKey()) + "]";
    } catch (Throwable t) {
      return UNSCANNED_PREFIX + "unhashed]";
    }
  }
}
