package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED_IN;

import dev.custody.bootstrap.CaseRecord;
import dev.custody.bootstrap.SentTokens;
import dev.custody.core.content.ContentFamily;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Secrets a case exposed before it fetched them: a user types a key into the prompt ("...and my
 * inventory key is zq_9f8S7d..."), the model or a tool has it, and only later does the case fetch
 * that key. The content of the case's model and tool calls is remembered in its record as token
 * fingerprints ({@link SentTokens}); a fetch of a value among them marks the fetch span and the
 * case root {@code custody.secret.exposed=true}.
 */
public final class CaseExposures {

  private CaseExposures() {}

  /** Whether the current case, if any, remembers what it sends as content of {@code family}. */
  public static boolean remembers(ContentFamily family) {
    return bit(family) != 0 && CaseRecords.current() != null;
  }

  /**
   * Remembers that the current case sent {@code raw} as content of {@code family} to a model or
   * tool.
   */
  public static void sent(ContentFamily family, String raw) {
    CaseRecord record = CaseRecords.current();
    if (record != null && bit(family) != 0 && raw != null) {
      record.sent().sent(raw, bit(family));
    }
  }

  /**
   * Marks the fetch and its case root when one of the fetched {@code values} was sent earlier in
   * the case.
   */
  public static void checkFetched(Span fetch, Context context, Collection<String> values) {
    CaseRecord record = CaseRecords.of(context);
    if (record == null) {
      return;
    }
    int sentIn = 0;
    for (String value : values) {
      sentIn |= value == null ? 0 : record.sent().sentIn(value);
    }
    if (sentIn != 0) {
      fetch.setAttribute(SECRET_EXPOSED, true);
      fetch.setAttribute(SECRET_EXPOSED_IN, families(sentIn));
      if (record.exposedFirst() && record.rootSpan() instanceof Span root) {
        root.setAttribute(SECRET_EXPOSED, true);
      }
    }
  }

  // An if chain, not an enum switch: javac 17 makes a synthetic class for the latter, javac 25 does
  // not.
  private static int bit(ContentFamily family) {
    if (family == ContentFamily.PROMPT) {
      return SentTokens.PROMPT;
    }
    if (family == ContentFamily.TOOL) {
      return SentTokens.TOOL;
    }
    return family == ContentFamily.MESSAGES ? SentTokens.MESSAGES : 0;
  }

  private static List<String> families(int bits) {
    List<String> families = new ArrayList<>(3);
    if ((bits & SentTokens.PROMPT) != 0) {
      families.add("prompt");
    }
    if ((bits & SentTokens.TOOL) != 0) {
      families.add("tool");
    }
    if ((bits & SentTokens.MESSAGES) != 0) {
      families.add("messages");
    }
    return families;
  }
}
