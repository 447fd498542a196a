package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CASE_ID;
import static dev.custody.core.CustodyAttributes.CASE_IDS;
import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;

import dev.custody.bootstrap.CredentialLedger;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cases a teardown belongs to, wherever it runs: every case that obtained the credential and
 * the case it runs in, if any. Its span carries their ids ({@code custody.case.id}, an array when
 * several) and links to each case's fetch, so a search by case id finds a revocation that runs
 * after the case, on a scheduler thread or at shutdown.
 */
final class TeardownCases {

  private static final ContextKey<TeardownCases> KEY = ContextKey.named("custody-teardown-cases");

  private final List<String> caseIds;
  private final List<CredentialLedger.Issuance> fetches;
  private final boolean stampedFromBaggage;

  private TeardownCases(
      List<String> caseIds, List<CredentialLedger.Issuance> fetches, boolean stampedFromBaggage) {
    this.caseIds = caseIds;
    this.fetches = fetches;
    this.stampedFromBaggage = stampedFromBaggage;
  }

  /**
   * The parent to start the teardown of {@code credentialId} under: {@code parent}, carrying its
   * cases for the span's attributes and links. When the span's case ids are not the one the agent
   * stamps from baggage, without the case id in baggage, so that the span is given its ids once;
   * the teardown's own context gets {@code parent}'s baggage back ({@link #restoreBaggage}).
   */
  static Context spanParent(Context parent, String credentialId) {
    String current = CaseIds.fromContext(parent);
    List<CredentialLedger.Issuance> fetches = CredentialLedger.issuances(credentialId);
    Set<String> caseIds = new LinkedHashSet<>();
    for (CredentialLedger.Issuance fetch : fetches) {
      if (fetch.caseId() != null) {
        caseIds.add(fetch.caseId());
      }
    }
    if (current != null) {
      caseIds.add(current);
    }
    boolean fromBaggage = current != null && caseIds.size() == 1;
    Context spanParent =
        current == null || fromBaggage
            ? parent
            : parent.with(Baggage.fromContext(parent).toBuilder().remove(CASE_ID_KEY).build());
    return spanParent.with(KEY, new TeardownCases(new ArrayList<>(caseIds), fetches, fromBaggage));
  }

  /** The ids of the cases of the teardown running in {@code context}; empty outside one. */
  static List<String> of(Context context) {
    TeardownCases cases = context.get(KEY);
    return cases == null ? List.of() : cases.caseIds;
  }

  /** The teardown's context, with the baggage of the parent it was started under. */
  static Context restoreBaggage(Context teardown, Context parent) {
    return teardown.with(Baggage.fromContext(parent));
  }

  /** Puts the case ids on a teardown's span, unless the agent stamps them from baggage. */
  static void putCaseIds(AttributesBuilder attributes, Context spanParent) {
    TeardownCases cases = spanParent.get(KEY);
    if (cases == null || cases.stampedFromBaggage || cases.caseIds.isEmpty()) {
      return;
    }
    if (cases.caseIds.size() == 1) {
      attributes.put(CASE_ID, cases.caseIds.get(0));
    } else {
      attributes.put(CASE_IDS, cases.caseIds);
    }
  }

  /** Links a teardown's span to each fetch of the credential it ends. */
  static void linkFetches(SpanLinksBuilder links, Context spanParent) {
    TeardownCases cases = spanParent.get(KEY);
    if (cases == null) {
      return;
    }
    Set<String> linked = new LinkedHashSet<>();
    for (CredentialLedger.Issuance fetch : cases.fetches) {
      if (linked.add(fetch.spanId())) {
        links.addLink(
            SpanContext.create(
                fetch.traceId(), fetch.spanId(), TraceFlags.getSampled(), TraceState.getDefault()));
      }
    }
  }
}
