package dev.custody.instrumentation.springai;

import dev.custody.core.cases.AgentInvocation;
import dev.custody.instrumentation.reactor.RecordingFlux;
import io.opentelemetry.context.Context;
import org.springframework.ai.chat.client.ChatClientRequest;
import reactor.core.publisher.Flux;

/** A streamed {@code ChatClient} answer: each subscription is one invocation. */
final class CaseFlux<T> extends RecordingFlux<T, AgentInvocation> {

  private final ChatClientRequest request;

  CaseFlux(Flux<? extends T> source, ChatClientRequest request) {
    super(source);
    this.request = request;
  }

  @Override
  protected AgentInvocation start() {
    AgentInvocation invocation =
        ChatClientCases.start(request, ChatClientCases.AGENT_NAME + ".stream");
    if (invocation != null) {
      // the invocation goes on past subscribe, elsewhere: its context is current only while the
      // stream is set up
      invocation.releaseScope();
    }
    return invocation;
  }

  @Override
  protected Context context(AgentInvocation invocation) {
    return invocation.context();
  }

  @Override
  protected void end(AgentInvocation invocation, Throwable error) {
    ChatClientCases.end(invocation, error);
  }
}
