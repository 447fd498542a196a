package dev.custody.extension;

import dev.custody.core.config.CustodyConfig;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code custody.*} keys from the agent's configuration (system properties, env, config
 * file).
 */
public final class CustodySettingsReader {

  private CustodySettingsReader() {}

  /** The keys the user set, with their raw values. */
  public static Map<String, String> read(ConfigProperties config) {
    Map<String, String> raw = new HashMap<>();
    for (String key : CustodyConfig.keys()) {
      String value = config.getString(key);
      if (value == null && key.indexOf('_') >= 0) {
        // CUSTODY_CAPTURE_MAX_LENGTH reaches ConfigProperties as custody.capture.max.length
        value = config.getString(key.replace('_', '.'));
      }
      if (value != null) {
        raw.put(key, value);
      }
    }
    return raw;
  }
}
