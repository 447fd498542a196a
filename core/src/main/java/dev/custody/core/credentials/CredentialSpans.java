package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.TEARDOWN_KIND;

import dev.custody.bootstrap.CredentialLedger;
import dev.custody.core.AgentInternals;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.OperationSpans;
import dev.custody.core.cases.CaseIds;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.SpanLinksBuilder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Custody's own credential spans, {@code {operation} {provider}} (INTERNAL), for fetches, refreshes
 * and teardowns (revocations, expiries, rotations) no stock span stands for; the HTTP or gRPC call
 * they make is their child. A teardown outside the case that obtained the credential links to the
 * fetch. One instance per instrumented library.
 */
public final class CredentialSpans
    implements OperationSpans<CredentialOperation, CredentialSpans.Obtained> {

  /** How a fetch ended: its facts and the values it returned, or nothing when it failed. */
  public record Obtained(
      CredentialFacts facts, Collection<String> secretValues, Collection<String> identifiers) {
    public static Obtained of(CredentialFacts facts, Collection<String> secretValues) {
      return new Obtained(facts, secretValues, List.of());
    }
  }

  private final Instrumenter<CredentialOperation, Obtained> instrumenter;

  public CredentialSpans(String instrumentationName) {
    instrumenter =
        CustodyInstrumenters.<CredentialOperation, Obtained>builder(
                instrumentationName, operation -> operation.name() + " " + operation.provider())
            .addAttributesExtractor(new OperationAttributes())
            .addSpanLinksExtractor(CredentialSpans::linkTeardownToIssuance)
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /** Starts the operation's span under {@code parent}; null when tracing is suppressed there. */
  @Override
  public Context start(Context parent, CredentialOperation operation) {
    return CustodyInstrumenters.start(instrumenter, parent, operation);
  }

  /**
   * Ends the span; a fetch that returned something records it, a teardown that succeeded ends the
   * credential.
   */
  @Override
  public void end(
      Context context, CredentialOperation operation, Obtained obtained, Throwable error) {
    recordOutcome(context, operation, obtained, error);
    instrumenter.end(context, operation, obtained, error);
  }

  /**
   * Records, with its start and end, an operation that is only known to be one once it ended: a
   * token that turned out to come from its issuer rather than a cache, a token file that turned out
   * to hold a new token.
   */
  public void record(
      Context parent,
      CredentialOperation operation,
      Obtained obtained,
      Throwable error,
      Instant start,
      Instant end) {
    if (instrumenter.shouldStart(parent, operation)) {
      Context context =
          AgentInternals.startAndEnd(instrumenter, parent, operation, obtained, error, start, end);
      recordOutcome(context, operation, obtained, error);
    }
  }

  private static void recordOutcome(
      Context context, CredentialOperation operation, Obtained obtained, Throwable error) {
    if (error == null && obtained != null) {
      Credentials.remember(
          Span.fromContext(context),
          context,
          obtained.facts(),
          obtained.secretValues(),
          obtained.identifiers());
    }
    if (error == null && operation.endsAuthority() && operation.credentialId() != null) {
      Credentials.revoked(operation.credentialId());
    }
  }

  /**
   * Ends the span of an operation that failed although nothing was thrown: the library handed the
   * application the failure as a response (a status code). ERROR, with {@code errorType} (the
   * status code) as {@code error.type}.
   */
  public void fail(
      Context context, CredentialOperation operation, String errorType, String description) {
    Span span = Span.fromContext(context);
    span.setStatus(StatusCode.ERROR, description);
    span.setAttribute(ERROR_TYPE, errorType);
    instrumenter.end(context, operation, null, null);
  }

  private static void linkTeardownToIssuance(
      SpanLinksBuilder links, Context parent, CredentialOperation operation) {
    if (!operation.endsAuthority() || operation.credentialId() == null) {
      return;
    }
    CredentialLedger.Issuance issuance = CredentialLedger.issuance(operation.credentialId());
    String caseId = CaseIds.fromContext(parent);
    if (issuance != null && (caseId == null || !caseId.equals(issuance.caseId()))) {
      links.addLink(
          SpanContext.create(
              issuance.traceId(),
              issuance.spanId(),
              TraceFlags.getSampled(),
              TraceState.getDefault()));
    }
  }

  /**
   * Each attribute once: the provider and a teardown's credential from the start, a fetch's
   * credential when it ends (what it obtained, else what it asked for).
   */
  private static final class OperationAttributes
      implements AttributesExtractor<CredentialOperation, Obtained> {

    @Override
    public void onStart(
        AttributesBuilder attributes, Context parent, CredentialOperation operation) {
      attributes.put(CREDENTIAL_PROVIDER, operation.provider());
      if (operation.endsAuthority()) {
        if (operation.credentialId() != null) {
          attributes.put(CREDENTIAL_ID, operation.credentialId());
        }
        attributes.put(TEARDOWN_KIND, operation.teardownKind());
      }
    }

    @Override
    public void onEnd(
        AttributesBuilder attributes,
        Context context,
        CredentialOperation operation,
        Obtained obtained,
        Throwable error) {
      if (obtained != null) {
        attributes.putAll(
            CredentialAttributes.of(obtained.facts()).toBuilder()
                .remove(CREDENTIAL_PROVIDER)
                .build());
      } else if (!operation.endsAuthority() && operation.credentialId() != null) {
        attributes.put(CREDENTIAL_ID, operation.credentialId());
      }
      if (error != null) {
        attributes.put(ERROR_TYPE, error.getClass().getName());
      }
    }
  }
}
