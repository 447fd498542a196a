package dev.custody.cli.source;

import static dev.custody.cli.source.Decoded.list;
import static dev.custody.cli.source.Decoded.map;
import static dev.custody.cli.source.Decoded.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Tempo's HTTP API: a TraceQL search ({@code GET /api/search}) for the traces of a service over a
 * time range, then each trace by its id ({@code GET /api/traces/<id>}, OTLP JSON). Tempo keeps what
 * the {@code full} form holds. A server's own cap on search results ({@code max_search_results} and
 * the like) can leave traces out: they then show as missing.
 */
public final class TempoApi {

  private static final int LIMIT = 100_000;

  private TempoApi() {}

  /** Hands every span of the traces of {@code service} (every service when null) in the range. */
  public static void read(
      URI base, String service, Instant end, Duration lookback, Consumer<ReceivedSpan> spans)
      throws IOException {
    String traceQl =
        service == null
            ? "{ }"
            : "{ resource.service.name = \""
                + service.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\" }";
    String search =
        "/api/search?q="
            + URLEncoder.encode(traceQl, StandardCharsets.UTF_8)
            + "&start="
            + end.minus(lookback).getEpochSecond()
            + "&end="
            + (end.getEpochSecond() + 1)
            + "&limit="
            + LIMIT;
    Object found = BackendHttp.getJson(BackendHttp.at(base, search), "Tempo");
    for (Object trace : list(map(found).get("traces"))) {
      String id = traceId(text(map(trace).get("traceID")));
      Object answer = BackendHttp.getJson(BackendHttp.at(base, "/api/traces/" + id), "Tempo");
      try {
        OtlpJson.read(map(answer), spans);
      } catch (RuntimeException e) {
        throw new IOException("Tempo's trace " + id + " is no OTLP JSON: " + e.getMessage(), e);
      }
    }
  }

  /** Tempo's search drops a trace id's leading zeros; its trace API wants all 32 digits. */
  private static String traceId(String found) throws IOException {
    if (found == null || !found.matches("[0-9a-fA-F]{1,32}")) {
      throw new IOException("Tempo's search found a trace whose id is no hex: " + found);
    }
    return "0".repeat(32 - found.length()) + found.toLowerCase(Locale.ROOT);
  }
}
