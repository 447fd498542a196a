package dev.custody.extension.integrity;

import dev.custody.exporter.integrity.CheckpointKey;
import dev.custody.exporter.integrity.EvidenceChain;
import dev.custody.exporter.integrity.EvidenceStream;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This process's evidence stream, from the {@code custody.integrity.*} settings: a new stream id,
 * the operator's signing key or one of the process's own, and the checkpoint interval.
 */
public final class EvidenceStreams {

  public static final String ENABLED = "custody.integrity.enabled";
  public static final String KEY_PATH = "custody.integrity.key_path";
  public static final String INTERVAL = "custody.integrity.interval";

  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final long LARGEST_KEY_FILE = 16 * 1024;

  private EvidenceStreams() {}

  /** The stream, or null when integrity is off or no key can be had; each problem is one line. */
  public static EvidenceStream start(ConfigProperties config, Consumer<String> log) {
    if (!config.getBoolean(ENABLED, true)) {
      return null;
    }
    try {
      CheckpointKey key = key(config.getString(KEY_PATH), log);
      byte[] id = new byte[16];
      new SecureRandom().nextBytes(id);
      EvidenceChain chain =
          new EvidenceChain(
              HexFormat.of().formatHex(id),
              key,
              EvidenceChain.DEFAULT_GRACE_NANOS,
              System::nanoTime,
              () -> TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
      Duration interval = config.getDuration(INTERVAL, DEFAULT_INTERVAL);
      log.accept(
          "Custody signs this process's evidence (stream "
              + chain.stream()
              + ") with "
              + (key.ephemeral() ? "a key of its own, self-signed" : "the key of " + KEY_PATH)
              + ": key id "
              + key.id()
              + ", public key "
              + java.util.Base64.getEncoder().encodeToString(key.publicKey().getEncoded())
              + ".");
      return new EvidenceStream(chain, interval.toNanos(), System::nanoTime);
    } catch (GeneralSecurityException | RuntimeException e) {
      log.accept(
          "Custody cannot sign evidence on this JVM (" + e + "): no checkpoints are written.");
      return null;
    }
  }

  private static CheckpointKey key(String path, Consumer<String> log)
      throws GeneralSecurityException {
    if (path == null || path.isBlank()) {
      return CheckpointKey.generate();
    }
    try {
      Path file = Path.of(path.trim());
      if (Files.size(file) > LARGEST_KEY_FILE) {
        throw new IOException("larger than " + LARGEST_KEY_FILE + " bytes");
      }
      return CheckpointKey.fromPrivateKeyPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.accept(
          "Custody: "
              + KEY_PATH
              + "="
              + path
              + " cannot be used ("
              + e.getMessage()
              + "); this process signs its evidence with a key of its own (self-signed) instead.");
      return CheckpointKey.generate();
    }
  }
}
