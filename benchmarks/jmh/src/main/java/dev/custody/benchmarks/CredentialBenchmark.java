package dev.custody.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.custody.testing.ScriptedVaultServer;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A secret fetched from Vault and the HTTP calls that present it, both against servers in the
 * benchmark's JVM. Under Custody a fetch is a {@code fetch vault} span whose values go to the
 * scrubber and the credential ledger, and every call that presents one is looked up to name it
 * ({@code custody.credential.used}); the stock agent traces both as plain HTTP calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CredentialBenchmark {

  private static final String SECRET_PATH = "secret/orders-api";

  private ScriptedVaultServer vaultServer;
  private HttpServer ordersApi;
  private Vault vault;
  private HttpClient http;
  private HttpRequest callWithFetchedKey;

  @Setup
  public void setUp() throws IOException, VaultException {
    vaultServer =
        ScriptedVaultServer.start()
            .kv2("secret", "orders-api", 1, Map.of("api_key", "ord-live-7f3a9c2e41b04d8f9a6e"));
    Vault anonymous = Vault.create(config().build());
    String token =
        anonymous.auth().loginByAppRole("orders-agent", "benchmark-secret-id").getAuthClientToken();
    vault = Vault.create(config().token(token).build());
    String apiKey = vault.logical().read(SECRET_PATH).getData().get("api_key");

    ordersApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ordersApi.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    ordersApi.start();
    http = HttpClient.newHttpClient();
    callWithFetchedKey =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ordersApi.getAddress().getPort() + "/orders/A-17"))
            .header("Authorization", "Bearer " + apiKey)
            .build();
  }

  private VaultConfig config() {
    return new VaultConfig().address(vaultServer.address()).engineVersion(2);
  }

  @TearDown
  public void tearDown() {
    ordersApi.stop(0);
    vaultServer.close();
  }

  /** One KV version 2 read through vault-java-driver, HTTP call included. */
  @Benchmark
  public LogicalResponse secretFetch() throws VaultException {
    return vault.logical().read(SECRET_PATH);
  }

  /** One JDK HttpClient call that presents the fetched key as a bearer token. */
  @Benchmark
  public int httpCallPresentingFetchedKey() throws IOException, InterruptedException {
    return http.send(callWithFetchedKey, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
