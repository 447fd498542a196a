package dev.custody.demo;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.DatabaseResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Books trains the way a careful service does: asks OPA whether the booking is allowed, logs in to
 * Vault with the pod's service-account token, takes a 15-minute credential for the booking API,
 * books with it, and revokes the credential and the Vault token as soon as it is done.
 */
final class TrainBookings {

  /** The Vault role the pod's service account logs in as. */
  private static final String VAULT_ROLE = "travel-agent";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String opaUrl;
  private final String vaultUrl;
  private final String bookingsUrl;
  private final Path serviceAccountToken;

  TrainBookings(String opaUrl, String vaultUrl, String bookingsUrl, Path serviceAccountToken) {
    this.opaUrl = opaUrl;
    this.vaultUrl = vaultUrl;
    this.bookingsUrl = bookingsUrl;
    this.serviceAccountToken = serviceAccountToken;
  }

  String book(String destination, String date)
      throws IOException, InterruptedException, VaultException {
    String input =
        "{\"input\":{\"action\":\"book\",\"destination\":\""
            + destination
            + "\",\"date\":\""
            + date
            + "\"}}";
    if (!post(opaUrl + "/v1/data/travel/booking/allow", input, null).contains("\"result\":true")) {
      return "Booking not allowed by policy.";
    }
    if (!Files.isReadable(serviceAccountToken)) {
      return "Cannot book: no service-account token at " + serviceAccountToken + ".";
    }
    String vaultToken =
        vault(null)
            .auth()
            .loginByKubernetes(VAULT_ROLE, Files.readString(serviceAccountToken).strip())
            .getAuthClientToken();
    Vault vault = vault(vaultToken);
    DatabaseResponse lease = vault.database().creds("bookings");
    try {
      String login =
          lease.getCredential().getUsername() + ":" + lease.getCredential().getPassword();
      return post(
          bookingsUrl,
          "{\"destination\":\"" + destination + "\",\"date\":\"" + date + "\"}",
          "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    } finally {
      vault.leases().revoke(lease.getLeaseId());
      vault.auth().revokeSelf();
    }
  }

  private Vault vault(String token) throws VaultException {
    VaultConfig config = new VaultConfig().address(vaultUrl).engineVersion(2);
    return Vault.create(token == null ? config.build() : config.token(token).build());
  }

  private String post(String url, String json, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
