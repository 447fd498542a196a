package dev.custody.testapps.a2a;

import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.spec.AgentCard;
import io.a2a.transport.grpc.handler.CallContextFactory;
import io.a2a.transport.grpc.handler.GrpcHandler;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The SDK's gRPC service, wired by hand as a CDI container would. */
final class OrderDeskGrpcHandler extends GrpcHandler {

  private final Supplier<AgentCard> card;
  private final RequestHandler requests;
  private final Executor executor;

  /** {@code card}: the card names the server's port, known once it listens. */
  OrderDeskGrpcHandler(Supplier<AgentCard> card, RequestHandler requests, Executor executor) {
    this.card = card;
    this.requests = requests;
    this.executor = executor;
  }

  @Override
  protected RequestHandler getRequestHandler() {
    return requests;
  }

  @Override
  protected AgentCard getAgentCard() {
    return card.get();
  }

  @Override
  protected AgentCard getExtendedAgentCard() {
    return null;
  }

  @Override
  protected CallContextFactory getCallContextFactory() {
    return null;
  }

  @Override
  protected Executor getExecutor() {
    return executor;
  }
}
