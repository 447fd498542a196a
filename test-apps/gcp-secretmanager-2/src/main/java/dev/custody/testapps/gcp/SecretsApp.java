package dev.custody.testapps.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An application that reads its secrets from GCP Secret Manager as the client library documents it,
 * with no Custody code. Over gRPC ({@code -Dapp.grpc.endpoint}) it checks {@code openai-key}'s
 * expiry, accesses its latest version and calls the backend ({@code -Dapp.backend.url}) with it as
 * a bearer token; accesses {@code db-password} at version 3 by name; checks {@code static-key} and
 * accesses it through the asynchronous callable; and accesses a secret that does not exist. Over
 * HTTP/JSON ({@code -Dapp.http.endpoint}) it checks and accesses {@code http-key}.
 */
public final class SecretsApp {

  private SecretsApp() {}

  public static void main(String[] args) throws Exception {
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create(grpcSettings())) {
      print(client.getSecret(SecretName.of("my-proj", "openai-key")));
      String apiKey =
          print(client.accessSecretVersion("projects/my-proj/secrets/openai-key/versions/latest"));
      callBackend(apiKey);
      print(client.accessSecretVersion(SecretVersionName.of("my-proj", "db-password", "3")));
      print(client.getSecret(SecretName.of("my-proj", "static-key")));
      AccessSecretVersionRequest request =
          AccessSecretVersionRequest.newBuilder()
              .setName("projects/my-proj/secrets/static-key/versions/latest")
              .build();
      print(client.accessSecretVersionCallable().futureCall(request).get());
      try {
        client.accessSecretVersion("projects/my-proj/secrets/missing/versions/latest");
      } catch (RuntimeException e) {
        System.out.println("FAILED missing: " + e.getClass().getName());
      }
    }
    SecretManagerServiceSettings http =
        SecretManagerServiceSettings.newHttpJsonBuilder()
            .setEndpoint(System.getProperty("app.http.endpoint"))
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build();
    try (SecretManagerServiceClient client = SecretManagerServiceClient.create(http)) {
      print(client.getSecret(SecretName.of("my-proj", "http-key")));
      print(client.accessSecretVersion(SecretVersionName.of("my-proj", "http-key", "2")));
    }
  }

  private static SecretManagerServiceSettings grpcSettings() throws Exception {
    String endpoint = System.getProperty("app.grpc.endpoint");
    // a local server: plaintext and no Google credentials
    return SecretManagerServiceSettings.newBuilder()
        .setEndpoint(endpoint)
        .setCredentialsProvider(NoCredentialsProvider.create())
        .setTransportChannelProvider(
            InstantiatingGrpcChannelProvider.newBuilder()
                .setEndpoint(endpoint)
                .setChannelConfigurator(channel -> channel.usePlaintext())
                .build())
        .build();
  }

  private static void callBackend(String apiKey) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/models"))
            .header("Authorization", "Bearer " + apiKey)
            .build();
    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String print(AccessSecretVersionResponse version) {
    System.out.println("SECRET " + version.getName());
    return version.getPayload().getData().toStringUtf8();
  }

  private static void print(Secret secret) {
    System.out.println(
        "CHECKED " + secret.getName() + " expires " + secret.getExpireTime().getSeconds());
  }
}
