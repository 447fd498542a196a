package dev.custody.instrumentation.opa;

import dev.custody.core.config.CustodyConfig;
import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An HTTP request that asks OPA for a decision, through its REST API: what it asks ({@code kind}),
 * the policy (the document path, or the query) and the request body as sent. Requests to a
 * configured endpoint ({@code custody.policy.opa.endpoints}) are recognised by path; without
 * endpoints, by path and the shape of the body.
 *
 * @param kind how the answer is shaped
 * @param policyId the document path after {@code /v1/data/}, the ad-hoc query, or null for the
 *     default decision
 * @param input the request body as sent (a {@code GET}: its {@code input} parameter), or null when
 *     unread
 */
record OpaRequest(Kind kind, String policyId, String input) {

  /** How OPA shapes the answer. */
  enum Kind {
    /**
     * {@code /v1/data/{path}}: {@code {"result": ..., "decision_id": ...}}, no result when
     * undefined.
     */
    DATA,
    /** {@code /v0/data/{path}} and the default decision at {@code /}: the document itself. */
    DOCUMENT,
    /** {@code /v1/query}: {@code {"result": [bindings...]}}. */
    QUERY,
    /**
     * {@code /v1/batch/data/{path}} (Enterprise OPA): {@code {"responses": {id: {"result": ...}},
     * ...}}.
     */
    BATCH
  }

  /** Bodies read to recognise a request or its answer; OPA inputs and answers are far smaller. */
  static final int MAX_BODY = 64 * 1024;

  /**
   * The decision {@code uri} asks for, or null when it is no OPA decision. The path is checked
   * first (every HTTP call of the application passes here); {@code body} is read only when it may
   * be one.
   */
  static OpaRequest recognise(String method, URI uri, Supplier<byte[]> body) {
    List<String> endpoints = CustodyConfig.current().opaEndpoints();
    String path = endpoints.isEmpty() ? uri.getRawPath() : pathUnder(uri, endpoints);
    if (path == null) {
      return null;
    }
    boolean post = "POST".equals(method);
    Kind kind;
    String policyId = null;
    if (path.startsWith("/v1/data/") || path.equals("/v1/data")) {
      kind = Kind.DATA;
      policyId = path.length() > "/v1/data/".length() ? path.substring("/v1/data/".length()) : "";
    } else if (path.startsWith("/v1/batch/data/") && post) {
      kind = Kind.BATCH;
      policyId = path.substring("/v1/batch/data/".length());
    } else if (path.startsWith("/v0/data/") && post) {
      kind = Kind.DOCUMENT;
      policyId = path.substring("/v0/data/".length());
    } else if (path.equals("/v1/query") && post) {
      kind = Kind.QUERY;
    } else if ((path.isEmpty() || path.equals("/")) && post && !endpoints.isEmpty()) {
      kind = Kind.DOCUMENT;
    } else {
      return null;
    }
    String input = post ? text(body.get()) : inputParameter(uri);
    if (endpoints.isEmpty() && !looksLikeOpa(kind, input, post)) {
      return null;
    }
    return new OpaRequest(kind, kind == Kind.QUERY ? queryOf(input) : policyId, input);
  }

  /**
   * What the decision's span name says was asked: the document path, or {@code query} for an ad-hoc
   * query, whose text is no name.
   */
  String nameTarget() {
    return kind == Kind.QUERY ? "query" : policyId;
  }

  /**
   * This request with the body it sent, read once it was written (after the request was
   * recognised).
   */
  OpaRequest withInput(String body) {
    return new OpaRequest(kind, kind == Kind.QUERY ? queryOf(body) : policyId, body);
  }

  /**
   * A {@code GET}'s input: its {@code input} query parameter, decoded (OPA's {@code
   * ?input=<json>}).
   */
  private static String inputParameter(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("input=")) {
        try {
          return URLDecoder.decode(parameter.substring("input=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Without configured endpoints, a data or query request must carry OPA's own body, lest any such
   * path be taken.
   */
  private static boolean looksLikeOpa(Kind kind, String input, boolean post) {
    if (input == null) {
      return false;
    }
    String body = input.stripLeading();
    // if, not a switch: a switch on an enum compiles to a synthetic class on some javac versions
    // only, which the
    // helper list would have to name
    if (kind == Kind.DATA) {
      return !post || body.startsWith("{\"input\""); // a GET's input is its own parameter
    }
    if (kind == Kind.QUERY) {
      return body.startsWith("{\"query\"");
    }
    if (kind == Kind.BATCH) {
      return body.startsWith("{\"inputs\"");
    }
    return body.startsWith("{") || body.startsWith("[");
  }

  /**
   * The path of {@code uri} below the endpoint it falls under, or null when it falls under none.
   */
  private static String pathUnder(URI uri, List<String> endpoints) {
    String url = uri.toString();
    for (String endpoint : endpoints) {
      String base =
          endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
      if (url.equals(base) || url.startsWith(base + "/") || url.startsWith(base + "?")) {
        String rest = url.substring(base.length());
        int query = rest.indexOf('?');
        return query >= 0 ? rest.substring(0, query) : rest;
      }
    }
    return null;
  }

  private static String queryOf(String input) {
    try {
      return JsonReader.read(input) instanceof Map<?, ?> body
              && body.get("query") instanceof String query
          ? query
          : null;
    } catch (JsonParseException unreadable) {
      return null;
    }
  }
}
