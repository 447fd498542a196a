package dev.custody.extension;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.config.CustodyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Registers at start-up the secrets the process holds before any fetch: the values of environment
 * variables and system properties named like secrets ({@code OPENAI_API_KEY}, {@code DB_PASSWORD},
 * {@code -Ddb.password}; the names are {@code custody.secrets.names}) and every line of {@code
 * custody.secrets.file}. From then on the scrubber removes them, in any encoding, from everything
 * exported. Names matched by the default patterns count only when their value looks like a secret
 * (long enough, not a number, a path or a boolean); names the operator lists always count.
 */
final class StaticSecrets {

  /** A default-named value must be this long: shorter ones would mask ordinary words everywhere. */
  static final int SHORTEST_GUESSED = 8;

  private StaticSecrets() {}

  /**
   * Registers the secrets; returns how many values were registered. Problems are reported to {@code
   * warnings}.
   */
  static int register(
      CustodyConfig config,
      Map<String, String> environment,
      Map<Object, Object> properties,
      Consumer<String> warnings) {
    List<Pattern> names = patterns(config.secretNames());
    boolean guessed = !config.secretNamesConfigured();
    int registered = 0;
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      registered += registerIfNamed(variable.getKey(), variable.getValue(), names, guessed);
    }
    for (Map.Entry<Object, Object> property : properties.entrySet()) {
      if (property.getKey() instanceof String key && property.getValue() instanceof String value) {
        registered += registerIfNamed(key, value, names, guessed);
      }
    }
    if (config.secretsFile() != null) {
      registered += registerFile(Path.of(config.secretsFile()), warnings);
    }
    return registered;
  }

  private static int registerIfNamed(
      String name, String value, List<Pattern> names, boolean guessed) {
    if (value == null || value.length() < KnownSecrets.MIN_LENGTH || !matchesAny(name, names)) {
      return 0;
    }
    if (guessed && !looksLikeSecret(value)) {
      return 0;
    }
    KnownSecrets.remember(value);
    return 1;
  }

  private static int registerFile(Path file, Consumer<String> warnings) {
    try {
      int registered = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String value = line.strip();
        if (value.length() >= KnownSecrets.MIN_LENGTH && !value.startsWith("#")) {
          KnownSecrets.remember(value);
          registered++;
        }
      }
      return registered;
    } catch (IOException | RuntimeException e) {
      warnings.accept(
          "Custody: cannot read "
              + CustodyConfig.SECRETS_FILE
              + "='"
              + file
              + "' ("
              + e
              + "); its values are not known secrets.");
      return 0;
    }
  }

  /**
   * A value worth masking everywhere: not a flag, a number, a path, a URL without credentials or a
   * plain word.
   */
  static boolean looksLikeSecret(String value) {
    if (value.length() < SHORTEST_GUESSED || value.indexOf(' ') >= 0) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("true")
        || lower.equals("false")
        || lower.startsWith("/")
        || lower.startsWith("http")
        || lower.startsWith("file:")
        || lower.startsWith("classpath:")) {
      return false;
    }
    boolean letter = false;
    boolean other = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      letter |= Character.isLetter(c);
      other |= !Character.isLetter(c);
    }
    return letter && other;
  }

  private static boolean matchesAny(String name, List<Pattern> names) {
    for (Pattern pattern : names) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** {@code *} matches any characters, case is ignored. */
  private static List<Pattern> patterns(List<String> globs) {
    List<Pattern> patterns = new ArrayList<>();
    for (String glob : globs) {
      List<String> parts = new ArrayList<>();
      for (String part : glob.split("\\*", -1)) {
        parts.add(Pattern.quote(part));
      }
      patterns.add(Pattern.compile(String.join(".*", parts), Pattern.CASE_INSENSITIVE));
    }
    return patterns;
  }
}
