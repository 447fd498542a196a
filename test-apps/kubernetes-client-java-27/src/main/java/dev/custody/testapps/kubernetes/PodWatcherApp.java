package dev.custody.testapps.kubernetes;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.TokenFileAuthentication;
import java.time.Duration;

/**
 * An application that calls the Kubernetes API as a pod does, with no Custody code: authenticated
 * by its projected service-account token ({@code -Dapp.token.file}, re-read every second as {@code
 * ClientBuilder.cluster()} re-reads it every minute), it lists its namespace's pods at {@code
 * -Dapp.kubernetes.url} twice, two seconds apart, then builds a client on a token file that does
 * not exist.
 */
public final class PodWatcherApp {

  private PodWatcherApp() {}

  public static void main(String[] args) throws Exception {
    String tokenFile = System.getProperty("app.token.file");
    CoreV1Api api = new CoreV1Api(client(tokenFile));
    list(api, 1);
    Thread.sleep(2_000);
    list(api, 2);
    try {
      client(tokenFile + ".missing");
    } catch (RuntimeException e) {
      System.out.println("FAILED missing: " + e.getClass().getName());
    }
  }

  private static void list(CoreV1Api api, int round) throws Exception {
    V1PodList pods = api.listNamespacedPod("agents").execute();
    System.out.println("LISTED " + round + ": " + pods.getItems().size() + " pods");
  }

  private static ApiClient client(String tokenFile) {
    return new ClientBuilder()
        .setBasePath(System.getProperty("app.kubernetes.url"))
        .setAuthentication(new TokenFileAuthentication(tokenFile, Duration.ofSeconds(1)))
        .build();
  }
}
