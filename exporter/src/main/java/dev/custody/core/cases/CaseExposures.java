package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED;
import static dev.custody.core.CustodyAttributes.SECRET_EXPOSED_IN;

import dev.custody.bootstrap.CaseExposure;
import dev.custody.bootstrap.SharedKeys;
import dev.custody.core.content.ContentFamily;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Secrets a case exposed before it fetched them: a user types a key into the prompt ("...and my inventory key is
 * zq_9f8S7d..."), the model or a tool has it, and only later does the case fetch that key. The content of the case's
 * model and tool calls is remembered as token fingerprints ({@link CaseExposure}); a fetch of a value among them marks
 * the fetch span and the case root {@code custody.secret.exposed=true}.
 */
public final class CaseExposures {

  @SuppressWarnings("unchecked")
  private static final ContextKey<CaseExposure> KEY =
      (ContextKey<CaseExposure>) SharedKeys.key("custody.case-exposure", ContextKey::named);

  private CaseExposures() {}

  /** The context of a new case root, which remembers what the case sends. */
  static Context startCase(Context caseRoot) {
    return caseRoot.with(KEY, new CaseExposure(Span.fromContext(caseRoot)));
  }

  /** Whether the current case, if any, remembers what it sends as content of {@code family}. */
  public static boolean remembers(ContentFamily family) {
    return bit(family) != 0 && Context.current().get(KEY) != null;
  }

  /** Remembers that the current case sent {@code raw} as content of {@code family} to a model or tool. */
  public static void sent(ContentFamily family, String raw) {
    CaseExposure exposure = Context.current().get(KEY);
    if (exposure != null && bit(family) != 0 && raw != null) {
      exposure.sent(raw, bit(family));
    }
  }

  /** Marks the fetch and its case root when one of the fetched {@code values} was sent earlier in the case. */
  public static void checkFetched(Span fetch, Context context, Collection<String> values) {
    CaseExposure exposure = context.get(KEY);
    if (exposure == null) {
      return;
    }
    int sentIn = 0;
    for (String value : values) {
      sentIn |= value == null ? 0 : exposure.sentIn(value);
    }
    if (sentIn != 0) {
      fetch.setAttribute(SECRET_EXPOSED, true);
      fetch.setAttribute(SECRET_EXPOSED_IN, families(sentIn));
      ((Span) exposure.rootSpan()).setAttribute(SECRET_EXPOSED, true);
    }
  }

  // An if chain, not an enum switch: javac 17 makes a synthetic class for the latter, javac 25 does not.
  private static int bit(ContentFamily family) {
    if (family == ContentFamily.PROMPT) {
      return CaseExposure.PROMPT;
    }
    if (family == ContentFamily.TOOL) {
      return CaseExposure.TOOL;
    }
    return family == ContentFamily.MESSAGES ? CaseExposure.MESSAGES : 0;
  }

  private static List<String> families(int bits) {
    List<String> families = new ArrayList<>(3);
    if ((bits & CaseExposure.PROMPT) != 0) {
      families.add("prompt");
    }
    if ((bits & CaseExposure.TOOL) != 0) {
      families.add("tool");
    }
    if ((bits & CaseExposure.MESSAGES) != 0) {
      families.add("messages");
    }
    return families;
  }
}
