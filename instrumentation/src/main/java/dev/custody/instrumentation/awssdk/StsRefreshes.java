package dev.custody.instrumentation.awssdk;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_ID;

import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentInvocation;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The refreshes of the STS credential providers ({@code StsAssumeRoleCredentialsProvider} and the
 * others): the first fetch and every later one, blocking or in the background, each a {@code
 * refresh aws-sts} span with no parent, linked to the agent invocation that first used the
 * provider, and the parent of the STS call it makes (inside the caller's AWS call, or in a context
 * left over from it, the agent would drop that call). The session counts for the case that first
 * used the provider.
 */
public final class StsRefreshes {

  private static final CredentialSpans SPANS =
      new CredentialSpans(AwsSdkInstrumentationModule.INSTRUMENTATION_NAME);

  private static final CredentialOperation REFRESH =
      CredentialOperation.refresh(StsSessions.PROVIDER, null);

  private static final AgentInternals.Cache<Object, FirstUse> FIRST_USES =
      AgentInternals.weakCache();

  private static final ThreadLocal<Refresh> ON_THIS_THREAD = new ThreadLocal<>();

  /**
   * Where a provider was first used: the context of its case (if any), and the invocation (else the
   * span) that used it.
   */
  private record FirstUse(Context caseContext, SpanContext user) {

    static FirstUse here() {
      AgentInvocation invocation = AgentInvocation.current();
      Span user = invocation != null ? Span.fromContext(invocation.context()) : Span.current();
      return new FirstUse(Context.current(), user.getSpanContext());
    }
  }

  /** A refresh in progress on this thread, told by the interceptor what the STS call returned. */
  public static final class Refresh {
    private final Context context;
    private final Context caseContext;
    private final Scope scope;
    private CredentialSpans.Obtained session;
    private String failedId;

    private Refresh(Context context, Context caseContext) {
      this.context = context;
      this.caseContext = caseContext;
      this.scope = context.makeCurrent();
    }

    void obtained(CredentialSpans.Obtained session) {
      this.session = session;
    }

    void failed(String requestedId) {
      this.failedId = requestedId;
    }

    private void end(Throwable error) {
      if (error != null && failedId != null) {
        Span.fromContext(context).setAttribute(CREDENTIAL_ID, failedId);
      }
      // Recorded for the case that first used the provider; the span itself stays in no case.
      SPANS.end(CaseRecords.forCaseOf(context, caseContext), REFRESH, session, error);
    }
  }

  private StsRefreshes() {}

  /**
   * Starts the refresh span and makes it current; null when one already runs here (a provider that
   * delegates).
   */
  public static Refresh start(Object provider) {
    if (ON_THIS_THREAD.get() != null) {
      return null;
    }
    FirstUse firstUse = FIRST_USES.computeIfAbsent(provider, unused -> FirstUse.here());
    Context context = SPANS.start(Context.root(), REFRESH);
    if (context == null) {
      return null;
    }
    if (firstUse.user().isValid()) {
      Span.fromContext(context).addLink(firstUse.user());
    }
    Refresh refresh = new Refresh(context, firstUse.caseContext());
    ON_THIS_THREAD.set(refresh);
    return refresh;
  }

  public static void end(Refresh refresh, Throwable error) {
    if (refresh == null) {
      return;
    }
    ON_THIS_THREAD.remove();
    refresh.scope.close();
    refresh.end(error);
  }

  static Refresh onThisThread() {
    return ON_THIS_THREAD.get();
  }
}
