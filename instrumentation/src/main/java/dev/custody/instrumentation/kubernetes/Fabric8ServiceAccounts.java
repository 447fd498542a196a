package dev.custody.instrumentation.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import java.time.Instant;

/** What fabric8 read from the service account's token file, handed on as a read of that file. */
public final class Fabric8ServiceAccounts {

  private Fabric8ServiceAccounts() {}

  /** After {@code tryServiceAccount}, started at {@code start}, configured {@code config}. */
  public static void configured(Object config, Instant start) {
    String token = ((Config) config).getAutoOAuthToken();
    if (token == null) {
      // no token file, or one fabric8 could not read (it logs and goes on without)
      return;
    }
    // where fabric8 looks for the file
    String file =
        Utils.getSystemPropertyOrEnvVar(
            Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY,
            Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH);
    ServiceAccountTokens.read(file, token, null, start);
  }
}
