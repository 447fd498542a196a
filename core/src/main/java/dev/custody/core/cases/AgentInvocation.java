package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.GEN_AI_CONVERSATION_ID;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE;
import static dev.custody.core.CustodyAttributes.INTENT_OBJECTIVE_HASH;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT;
import static dev.custody.core.CustodyAttributes.INTENT_PROMPT_HASH;
import static dev.custody.core.CustodyAttributes.OPERATION_INVOKE_AGENT;

import dev.custody.core.content.ContentFamily;
import dev.custody.core.content.ContentPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running agent invocation: the case root, or a sub-agent inside a case. Instrumentations learn
 * the intent after the span has started (frameworks build the prompt inside the call) and record it
 * here.
 */
public final class AgentInvocation {

  static final ContextKey<AgentInvocation> KEY = ContextKey.named("custody-agent-invocation");

  private final String agentName;
  private final String defaultObjective;
  private final boolean caseRoot;
  private final AtomicBoolean intentRecorded = new AtomicBoolean();
  private final AtomicBoolean conversationRecorded = new AtomicBoolean();

  /** Whether the invocation has its span: from its start, or once a framework's is adopted. */
  private final AtomicBoolean hasSpan = new AtomicBoolean();

  private volatile boolean objectiveRecorded;
  private Context context;
  private Scope scope;

  AgentInvocation(String agentName, String defaultObjective, boolean caseRoot) {
    this.agentName = agentName;
    this.defaultObjective = defaultObjective;
    this.caseRoot = caseRoot;
  }

  /** The innermost invocation running in the current context, or null. */
  public static AgentInvocation current() {
    return Context.current().get(KEY);
  }

  /**
   * Records the conversation (chat memory) id the framework runs this invocation in; the first one
   * stands.
   */
  public void recordConversationId(String conversationId) {
    if (conversationId != null && conversationRecorded.compareAndSet(false, true)) {
      Span.fromContext(context).setAttribute(GEN_AI_CONVERSATION_ID, conversationId);
    }
  }

  /**
   * Says the invocation runs in no conversation of its own (its framework keeps a memory for one
   * request only): a conversation id recorded later is ignored.
   */
  public void recordNoConversation() {
    conversationRecorded.set(true);
  }

  /**
   * Records the human prompt and, when the framework has one, the system message that states the
   * objective; the first intent stands.
   */
  public void recordIntent(String prompt, String systemMessage) {
    if (!intentRecorded.compareAndSet(false, true)) {
      return;
    }
    Span span = Span.fromContext(context);
    ContentPolicy.capture(ContentFamily.PROMPT, prompt)
        .setOn(span, INTENT_PROMPT, INTENT_PROMPT_HASH);
    ContentPolicy.Captured objective = ContentPolicy.capture(ContentFamily.PROMPT, systemMessage);
    objective.setOn(span, INTENT_OBJECTIVE, INTENT_OBJECTIVE_HASH);
    objectiveRecorded = objective.text() != null;
  }

  public String agentName() {
    return agentName;
  }

  /** {@code invoke_agent {name}}. */
  String spanName() {
    return OPERATION_INVOKE_AGENT + " " + agentName;
  }

  String defaultObjective() {
    return defaultObjective;
  }

  /**
   * True for the outermost invocation of the case in this process: it carries the case-level
   * verdicts.
   */
  boolean caseRoot() {
    return caseRoot;
  }

  boolean intentRecorded() {
    return intentRecorded.get();
  }

  /** True once a system message's text stated the objective; else the default one is written. */
  boolean objectiveRecorded() {
    return objectiveRecorded;
  }

  /** The invocation's context: its span, its case id in baggage, and itself. */
  public Context context() {
    return context;
  }

  /**
   * Leaves the invocation's context on this thread while the invocation goes on elsewhere (a
   * streamed answer completes on another thread). Call on the thread that started it; the
   * invocation still ends with {@code end}.
   */
  public void releaseScope() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  void begin(Context context) {
    hasSpan.set(true);
    this.context = context;
    this.scope = context.makeCurrent();
  }

  /**
   * Takes a span the framework started as this invocation's ({@link AdoptedCases}); true for the
   * first only, and never for an invocation Custody started its own span for.
   */
  boolean adopt(Context withSpan) {
    if (!hasSpan.compareAndSet(false, true)) {
      return false;
    }
    this.context = withSpan;
    return true;
  }
}
