package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;
import static dev.custody.core.CustodyAttributes.CREDENTIAL_PROVIDER;
import static dev.custody.core.CustodyAttributes.ERROR_TYPE;
import static dev.custody.core.CustodyAttributes.TEARDOWN_KIND;

import dev.custody.core.AgentInternals;
import dev.custody.core.CustodyInstrumenters;
import dev.custody.core.OperationSpans;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Custody's own credential spans, {@code {operation} {provider} {target}} (INTERNAL), for fetches,
 * refreshes and teardowns (revocations, expiries, rotations) no stock span stands for; the HTTP or
 * gRPC call they make is their child. A teardown links to the fetches of what it ends and carries
 * the ids of the cases that made them. One instance per instrumented library.
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
                instrumentationName, CredentialOperation::spanName)
            .addAttributesExtractor(new OperationAttributes())
            .addSpanLinksExtractor(
                (links, parent, operation) -> TeardownCases.linkFetches(links, parent))
            .buildInstrumenter(SpanKindExtractor.alwaysInternal());
  }

  /**
   * Starts the operation's span under {@code parent}; null when tracing is suppressed there. A
   * teardown's span belongs to every case that obtained the credential ({@link TeardownCases}).
   */
  @Override
  public Context start(Context parent, CredentialOperation operation) {
    if (!operation.endsAuthority() || operation.credentialId() == null) {
      return CustodyInstrumenters.start(instrumenter, parent, operation);
    }
    Context spanParent = TeardownCases.spanParent(parent, operation.credentialId());
    Context context = CustodyInstrumenters.start(instrumenter, spanParent, operation);
    return context == null ? null : TeardownCases.restoreBaggage(context, parent);
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
      if (operation.revokes()) {
        Credentials.revoked(operation.credentialId());
      } else {
        Credentials.givenUp(operation.credentialId());
      }
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
        TeardownCases.putCaseIds(attributes, parent);
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
