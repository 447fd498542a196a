package dev.custody.testapps.a2a;

import dev.custody.testapps.handoff.HandoffDesk;
import dev.custody.testapps.handoff.WorkQueue;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.grpc.GrpcTransport;
import io.a2a.client.transport.grpc.GrpcTransportConfigBuilder;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.spec.AgentCard;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off desk over A2A: the dispatcher's tool sends each piece of work as a message to the
 * agent at {@code -Dit.agent.url} (its card read first, then JSON-RPC, not streamed, not waiting
 * for the task to end); the order desk serves A2A ({@link OrderDeskServer}) and prints {@code
 * AGENT: URL} once it listens.
 */
public final class A2aHandoffApp implements WorkQueue {

  public static void main(String[] args) throws Exception {
    HandoffDesk.run(args, new A2aHandoffApp());
  }

  @Override
  public void send(String work) throws Exception {
    AgentCard card = A2A.getAgentCard(System.getProperty("it.agent.url"));
    Client client =
        Client.builder(card)
            .clientConfig(ClientConfig.builder().setPolling(true).build())
            .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig())
            .withTransport(
                GrpcTransport.class,
                new GrpcTransportConfigBuilder()
                    .channelFactory(
                        target -> ManagedChannelBuilder.forTarget(target).usePlaintext().build()))
            .build();
    try {
      client.sendMessage(A2A.toUserMessage(work));
    } finally {
      client.close();
    }
  }

  @Override
  public void serve(int count, Worker worker) throws Exception {
    CountDownLatch done = new CountDownLatch(count);
    try (OrderDeskServer server = OrderDeskServer.start(new OrderDeskAgentExecutor(worker, done))) {
      System.out.println("AGENT: " + server.url());
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("too few tasks came");
      }
    }
  }
}
