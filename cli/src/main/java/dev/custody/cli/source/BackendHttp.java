package dev.custody.cli.source;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A backend's query API asked for JSON: one GET, its answer decoded, any failure an IOException.
 */
final class BackendHttp {

  private static final int MAX_ANSWER = 512 * 1024 * 1024;
  private static final int MAX_VALUES = 50_000_000;

  private BackendHttp() {}

  /** {@code base} (trailing slashes dropped) followed by {@code pathAndQuery}. */
  static URI at(URI base, String pathAndQuery) {
    return URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
  }

  /** The decoded JSON answer to a GET of {@code uri}; {@code backend} names it in messages. */
  static Object getJson(URI uri, String backend) throws IOException {
    String answer = get(uri);
    try {
      return JsonReader.read(answer, MAX_ANSWER, MAX_VALUES);
    } catch (JsonParseException e) {
      throw new IOException(backend + "'s answer to " + uri + " is no JSON: " + e.getMessage(), e);
    }
  }

  private static String get(URI uri) throws IOException {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              // No h2c upgrade: a backend or proxy that mishandles it ends the read early.
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(Duration.ofMinutes(2))
                      .header("Accept", "application/json")
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (ConnectException e) {
      throw new IOException("cannot reach " + uri + " (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + uri, e);
    }
  }
}
