package dev.custody.testing;

import static dev.custody.testing.Json.quote;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local OPA server speaking its REST data API v1: {@code POST /v1/data/{path}} answers {@code
 * {"decision_id": ..., "result": <the document scripted for the path>}}, with no {@code result} for
 * an unscripted path (an undefined document) and, when asked with {@code ?provenance}, the revision
 * of the {@code authz} bundle. Requests are recorded with the {@code traceparent} they carried and
 * the decision id they were given (OPA's decision log would name both).
 */
public final class ScriptedOpaServer
    extends ScriptedServer<ScriptedOpaServer, ScriptedOpaServer.Request> {

  /**
   * A decision request: the document path after {@code /v1/data/}, its {@code traceparent}, its
   * body, the id given.
   */
  public record Request(String path, String traceparent, String body, String decisionId) {}

  public static final String BUNDLE_REVISION = "rev-42";

  private static final String DATA = "/v1/data/";
  private static final String DECISION_ID = "decision_id";

  private final Map<String, String> documents = new ConcurrentHashMap<>();

  private ScriptedOpaServer() throws IOException {
    super("scripted-opa", ScriptedOpaServer::record);
    handle(DATA, this::answer);
  }

  public static ScriptedOpaServer start() throws IOException {
    ScriptedOpaServer server = new ScriptedOpaServer();
    server.listen();
    return server;
  }

  /**
   * Serves {@code resultJson} as the document at {@code path} ({@code authz/allow}), whatever the
   * input.
   */
  public ScriptedOpaServer document(String path, String resultJson) {
    documents.put(path, resultJson);
    return this;
  }

  /** The base URL to give OPA clients. */
  public String endpoint() {
    return url("");
  }

  private static Request record(HttpExchange exchange, String body) {
    String decisionId = UUID.randomUUID().toString();
    exchange.setAttribute(DECISION_ID, decisionId);
    return new Request(
        pathOf(exchange), exchange.getRequestHeaders().getFirst("traceparent"), body, decisionId);
  }

  private void answer(HttpExchange exchange, String body) throws IOException {
    String decisionId = (String) exchange.getAttribute(DECISION_ID);
    StringBuilder answer = new StringBuilder("{\"decision_id\":").append(quote(decisionId));
    String document = documents.get(pathOf(exchange));
    if (document != null) {
      answer.append(",\"result\":").append(document);
    }
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null && query.contains("provenance")) {
      answer
          .append(",\"provenance\":{\"version\":\"1.4.2\",\"bundles\":{\"authz\":{\"revision\":")
          .append(quote(BUNDLE_REVISION))
          .append("}}}");
    }
    respond(exchange, "application/json", answer.append('}').toString());
  }

  private static String pathOf(HttpExchange exchange) {
    return exchange.getRequestURI().getPath().substring(DATA.length());
  }
}
