package dev.custody.instrumentation.langchain4j;

import dev.custody.core.AgentInternals;
import dev.custody.core.cases.AgentInvocation;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streamed AI service calls ({@code TokenStream}): the method returns a stream before any model
 * call, the stream is started later, and its model turns and tools run in callbacks on other
 * threads. The invocation stays open until its last answer or its error, and its context is made
 * current wherever the stream works. The bookkeeping is weak: a stream never started leaves nothing
 * behind.
 */
public final class StreamedInvocations {

  /**
   * 1.6+ announce the end (AiServiceCompletedEvent); before, the first answer without tool calls is
   * the last.
   */
  private static final boolean END_ANNOUNCED =
      LangChain4jCalls.hasClass("dev.langchain4j.observability.api.event.AiServiceCompletedEvent");

  /** The invocations that stream, each with whether it has ended. */
  private static final AgentInternals.Cache<AgentInvocation, AtomicBoolean> ENDED =
      AgentInternals.weakCache();

  /** The invocation context each token stream and response handler works in. */
  private static final AgentInternals.Cache<Object, Context> CONTEXTS = AgentInternals.weakCache();

  private StreamedInvocations() {}

  /** {@code AiServiceTokenStream} constructed: the current invocation streams. */
  public static void streamCreated(Object tokenStream) {
    AgentInvocation invocation = AgentInvocation.current();
    if (invocation == null) {
      return;
    }
    ENDED.put(invocation, new AtomicBoolean());
    CONTEXTS.put(tokenStream, invocation.context());
    // Leave the context on this thread now: the stream may be started, and may even end, on another
    // thread.
    invocation.releaseScope();
  }

  /**
   * {@code AiServiceStreamingResponseHandler} constructed: its callbacks belong to the current
   * invocation.
   */
  public static void handlerCreated(Object handler) {
    if (AgentInvocation.current() != null) {
      CONTEXTS.put(handler, Context.current());
    }
  }

  /**
   * Makes the invocation's context current while a token stream or handler works; null when it has
   * none.
   */
  public static Scope resume(Object streamOrHandler) {
    Context context = CONTEXTS.get(streamOrHandler);
    return context == null ? null : context.makeCurrent();
  }

  /**
   * A handler got the model's complete answer; before 1.6 an answer without tool calls ends the
   * invocation.
   */
  public static Scope resumeOnAnswer(Object handler, ChatResponse answer) {
    Scope scope = resume(handler);
    if (scope != null && !END_ANNOUNCED && !answer.aiMessage().hasToolExecutionRequests()) {
      end(AgentInvocation.current(), null);
    }
    return scope;
  }

  /** A handler got an error: the invocation failed. */
  public static Scope resumeOnError(Object handler, Throwable error) {
    Scope scope = resume(handler);
    if (scope != null) {
      end(AgentInvocation.current(), error);
    }
    return scope;
  }

  /**
   * Leaves the invocation's context; an exception escaping the callback ends it (1.0 swallows such
   * exceptions).
   */
  public static void leave(Scope scope, Throwable thrown) {
    if (scope == null) {
      return;
    }
    if (thrown != null) {
      end(AgentInvocation.current(), thrown);
    }
    scope.close();
  }

  static boolean isStreamed(AgentInvocation invocation) {
    return ENDED.get(invocation) != null;
  }

  /** Ends a streamed invocation, once; does nothing for others. */
  static void end(AgentInvocation invocation, Throwable error) {
    AtomicBoolean ended = invocation == null ? null : ENDED.get(invocation);
    if (ended != null && ended.compareAndSet(false, true)) {
      LangChain4jCalls.end(invocation, error);
    }
  }
}
