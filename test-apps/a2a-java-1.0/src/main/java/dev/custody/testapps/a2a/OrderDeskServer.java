package dev.custody.testapps.a2a;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.a2a.grpc.utils.JSONRPCUtils;
import io.a2a.grpc.utils.ProtoUtils;
import io.a2a.jsonrpc.common.json.JsonUtil;
import io.a2a.jsonrpc.common.wrappers.A2ARequest;
import io.a2a.jsonrpc.common.wrappers.SendMessageRequest;
import io.a2a.jsonrpc.common.wrappers.SendMessageResponse;
import io.a2a.server.ServerCallContext;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.events.MainEventBus;
import io.a2a.server.events.MainEventBusProcessor;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.requesthandlers.RequestHandler;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentInterface;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.TransportProtocol;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An A2A server wired by hand as a CDI container would, the SDK's request handler running tasks
 * with in-memory stores and queues: its card at {@code /.well-known/agent-card.json} of the JDK's
 * HTTP server, and {@code SendMessage} over the transport {@code -Dit.a2a.transport} names,
 * JSON-RPC (at {@code /} of the same server, the default) or gRPC (grpc-java's Netty server), the
 * one interface the card lists.
 */
final class OrderDeskServer implements AutoCloseable {

  private final HttpServer http;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final RequestHandler requests;
  private Server grpc;
  private AgentCard card;
  private JSONRPCHandler jsonRpc;

  private OrderDeskServer(AgentExecutor agent) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    MainEventBus bus = new MainEventBus();
    InMemoryTaskStore tasks = new InMemoryTaskStore();
    InMemoryQueueManager queues = new InMemoryQueueManager(tasks, bus);
    MainEventBusProcessor events = new MainEventBusProcessor(bus, tasks, event -> {}, queues);
    Thread eventLoop = new Thread(events, "MainEventBusProcessor");
    eventLoop.setDaemon(true);
    eventLoop.start();
    requests =
        new DefaultRequestHandler(
            agent,
            tasks,
            queues,
            new InMemoryPushNotificationConfigStore(),
            events,
            executor,
            executor);
  }

  static OrderDeskServer start(AgentExecutor agent) throws Exception {
    OrderDeskServer server = new OrderDeskServer(agent);
    if (TransportProtocol.GRPC.asString().equals(System.getProperty("it.a2a.transport"))) {
      server.grpc =
          Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
              .addService(
                  new OrderDeskGrpcHandler(() -> server.card, server.requests, server.executor))
              .executor(server.executor)
              .build()
              .start();
      server.card = card(new AgentInterface("GRPC", "127.0.0.1:" + server.grpc.getPort()));
    } else {
      server.card = card(new AgentInterface("JSONRPC", server.url()));
      server.jsonRpc = new JSONRPCHandler(server.card, server.requests, server.executor);
      server.http.createContext("/", server::sendMessage);
    }
    String cardJson = JsonUtil.toJson(server.card);
    server.http.createContext(
        "/.well-known/agent-card.json", exchange -> reply(exchange, cardJson));
    server.http.setExecutor(server.executor);
    server.http.start();
    return server;
  }

  /** Where the card is. */
  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void sendMessage(HttpExchange exchange) throws IOException {
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      A2ARequest<?> request = JSONRPCUtils.parseRequestBody(body, "");
      if (!(request instanceof SendMessageRequest send)) {
        exchange.sendResponseHeaders(501, -1);
        return;
      }
      ServerCallContext context =
          new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of());
      SendMessageResponse response = jsonRpc.onMessageSend(send, context);
      reply(
          exchange,
          response.getError() != null
              ? JSONRPCUtils.toJsonRPCErrorResponse(response.getId(), response.getError())
              : JSONRPCUtils.toJsonRPCResultResponse(
                  response.getId(), ProtoUtils.ToProto.taskOrMessage(response.getResult())));
    } catch (Exception e) {
      e.printStackTrace();
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static AgentCard card(AgentInterface endpoint) {
    return AgentCard.builder()
        .name("Order Desk")
        .description("Answers where an order is")
        .supportedInterfaces(List.of(endpoint))
        .version("1.0.0")
        .capabilities(AgentCapabilities.builder().streaming(false).pushNotifications(false).build())
        .defaultInputModes(List.of("text"))
        .defaultOutputModes(List.of("text"))
        .skills(
            List.of(
                AgentSkill.builder()
                    .id("orders")
                    .name("Where is my order")
                    .description("Tells where an order is")
                    .tags(List.of("orders"))
                    .build()))
        .build();
  }

  @Override
  public void close() {
    http.stop(0);
    if (grpc != null) {
      grpc.shutdownNow();
    }
    executor.shutdown();
  }
}
