package dev.custody.instrumentation.springai;

import dev.custody.core.cases.AgentInvocation;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.ai.chat.client.ChatClientRequest;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/** A streamed {@code ChatClient} answer: each subscription is one invocation, ended by the stream's last signal. */
final class CaseFlux<T> extends FluxOperator<T, T> {

  private final ChatClientRequest request;

  CaseFlux(Flux<? extends T> source, ChatClientRequest request) {
    super(source);
    this.request = request;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    AgentInvocation invocation = ChatClientCases.start(request, ChatClientCases.AGENT_NAME + ".stream");
    if (invocation == null) {
      source.subscribe(actual);
      return;
    }
    // Current only while the stream is set up (Reactor carries it on); never past subscribe, even if it ends inside.
    invocation.releaseScope();
    AtomicBoolean ended = new AtomicBoolean();
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

  private static void end(AgentInvocation invocation, AtomicBoolean ended, Throwable error) {
    if (ended.compareAndSet(false, true)) {
      ChatClientCases.end(invocation, error);
    }
  }
}
