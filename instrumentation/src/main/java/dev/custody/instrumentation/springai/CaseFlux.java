package dev.custody.instrumentation.springai;

import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.ai.chat.client.ChatClientRequest;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/**
 * A streamed {@code ChatClient} answer: each subscription is one invocation, ended by the stream's last signal. This
 * runs outside any advice, so nothing of ours may throw into the application's stream.
 */
final class CaseFlux<T> extends FluxOperator<T, T> {

  private final ChatClientRequest request;

  CaseFlux(Flux<? extends T> source, ChatClientRequest request) {
    super(source);
    this.request = request;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    AgentInvocation invocation = start();
    if (invocation == null) {
      source.subscribe(actual);
      return;
    }
    AtomicBoolean ended = new AtomicBoolean();
    // Current while the stream is set up (Reactor carries it on), never past subscribe, even if it ends inside
    try (Scope ignored = invocation.context().makeCurrent()) {
      source
          .doOnEach(
              signal -> {
                if (signal.isOnComplete() || signal.isOnError()) {
                  end(invocation, ended, signal.getThrowable());
                }
              })
          .doOnCancel(() -> end(invocation, ended, null))
          .subscribe(actual);
    }
  }

  private AgentInvocation start() {
    try {
      AgentInvocation invocation = ChatClientCases.start(request, ChatClientCases.AGENT_NAME + ".stream");
      if (invocation != null) {
        invocation.releaseScope();
      }
      return invocation;
    } catch (Throwable t) {
      return null;
    }
  }

  private static void end(AgentInvocation invocation, AtomicBoolean ended, Throwable error) {
    try {
      if (ended.compareAndSet(false, true)) {
        ChatClientCases.end(invocation, error);
      }
    } catch (Throwable t) {
      // the stream goes on without its record
    }
  }
}
