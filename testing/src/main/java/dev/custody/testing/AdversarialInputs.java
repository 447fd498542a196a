package dev.custody.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Hostile text for the secret scrubber, by name and at any size: for each of its rules, long runs
 * of near-matches that drive a backtracking matcher into its worst case (quadratic time, or one
 * stack frame per character), plus ordinary prose as the baseline and text dense with secrets.
 * Deterministic: each input has its own seeded random. Secret-shaped parts are assembled at run
 * time, so that no source line looks like a real credential.
 */
public final class AdversarialInputs {

  /** One input: {@code name} says what it attacks. */
  public record Adversarial(String name, String text) {
    @Override
    public String toString() {
      return name + " (" + text.length() + " chars)";
    }
  }

  /** The size of {@link #prompt()}: a long message an agent could receive. */
  public static final int PROMPT_SIZE = 20 * 1024;

  @FunctionalInterface
  private interface Generator {
    String text(Random random, int size);
  }

  private record Kind(String name, Generator generator) {}

  /** An API key's prefix and how many characters at least follow it. */
  private record ApiKeyShape(String prefix, int length) {}

  private static final List<ApiKeyShape> API_KEY_SHAPES =
      List.of(
          new ApiKeyShape("sk-", 20),
          new ApiKeyShape("sk-ant-", 20),
          new ApiKeyShape("sk-proj-", 20),
          new ApiKeyShape("gho_", 30),
          new ApiKeyShape("github_pat_", 30),
          new ApiKeyShape("xoxb-", 10),
          new ApiKeyShape("AIza", 35),
          new ApiKeyShape("hvs.", 20),
          new ApiKeyShape("glpat-", 20));

  private static final String BASE62 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String BASE64 = BASE62 + "+/";
  private static final String BASE64_URL = BASE62 + "-_";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String WHITESPACE = " \t\r\n";
  private static final String PEM_BEGIN = "-----BEGIN " + "RSA PRIVATE KEY-----";
  private static final String PEM_END = "-----END " + "RSA PRIVATE KEY-----";
  private static final String[] PROSE = {
    "The order assistant looked up the customer's last three orders before answering.",
    "When the tool call failed, the agent apologised and asked the user to try again later.",
    "Our travel policy allows one checked bag and a window seat on flights under four hours.",
    "Please summarise the attached meeting notes and list the decisions that were made.",
    "The weather in Lisbon is mild in spring, with a little rain in the mornings.",
    "I forgot my password again; how do I reset it without calling the help desk?",
    "The key to a good answer is to cite the document and the page it came from.",
    "Refunds are issued to the original payment method within five working days.",
    "Can you explain how access tokens expire and what happens when one is revoked?",
    "The warehouse in Rotterdam ships every weekday before noon, except on holidays.",
    "A basic plan includes two seats, email support and ten gigabytes of storage.",
    "She booked the cheapest flight, then asked the assistant to add a hotel near the station.",
  };

  // Each rule of the scrubber, then what any scanner must survive. A run named "x-run" repeats x
  // until the size.
  private static final List<Kind> KINDS =
      List.of(
          // jwt: every eyJ may start a header segment that runs to the end and never reaches its
          // dot; or tokens
          // so short and close that one match follows another
          new Kind("jwt-eyJ-dash-run", (random, size) -> repeat(size, "", () -> "eyJ-", "")),
          new Kind("jwt-header-dot-run", (random, size) -> repeat(size, "", () -> "eyJaaaa.", "")),
          // URL user:password@: every letter may start a scheme, a host or a password that never
          // ends in ://, : or @
          new Kind("url-scheme-a-dot-run", (random, size) -> repeat(size, "://@ ", () -> "a.", "")),
          new Kind(
              "url-host-a-dot-run", (random, size) -> repeat(size, "@ http://a", () -> "a.", "")),
          new Kind(
              "url-scheme-userinfo-run", (random, size) -> repeat(size, "@ ", () -> "x://u:", "")),
          new Kind(
              "url-password-without-at",
              (random, size) ->
                  repeat(
                      size,
                      "@ https://user:",
                      () -> chars(random, LOWER + "0123456789:.-", 64),
                      "")),
          // bearer: tokens one character short, and plain words that only look like a token's start
          new Kind("bearer-repeated", (random, size) -> repeat(size, "", () -> "Bearer ", "")),
          new Kind(
              "bearer-near-token-run",
              (random, size) ->
                  repeat(
                      size,
                      "",
                      () ->
                          "Bearer "
                              + (random.nextBoolean()
                                  ? chars(random, LOWER, 1 + random.nextInt(15))
                                  : chars(random, BASE62 + "._~+/=-", 1 + random.nextInt(5)))
                              + chars(random, WHITESPACE, 1 + random.nextInt(3)),
                      "")),
          // basic: plain capitalised words after "Basic", which the rule scans before it gives up
          new Kind("basic-repeated", (random, size) -> repeat(size, "", () -> "basic ", "")),
          new Kind(
              "basic-near-word-run",
              (random, size) ->
                  repeat(
                      size,
                      "",
                      () -> "Basic " + capitalised(random, 1 + random.nextInt(64)) + " ",
                      "")),
          // private key: BEGIN lines that never name a private key, and a private key whose END
          // never comes
          new Kind(
              "pem-begin-run",
              (random, size) -> repeat(size, "", () -> "-----BEGIN ", "\nPRIVATE KEY-----")),
          new Kind(
              "pem-private-key-without-end",
              (random, size) ->
                  repeat(
                      size,
                      PEM_BEGIN + "\n",
                      () ->
                          random.nextInt(8) == 0
                              ? PEM_END.substring(0, PEM_END.length() - 1) + "\n"
                              : chars(random, BASE64, 64) + "\n",
                      "")),
          // AWS: key id prefixes without their 16 characters, secret keys one character short of 40
          new Kind("aws-akia-run", (random, size) -> repeat(size, "", () -> "AKIA", "")),
          new Kind(
              "aws-secret-39-char-runs",
              (random, size) ->
                  repeat(
                      size,
                      mixedBase64(random, 40) + " ",
                      () -> mixedBase64(random, 39) + chars(random, " .,:;-_\n", 1),
                      "")),
          // API keys: prefixes with one character fewer than the rule needs
          new Kind("api-key-sk-run", (random, size) -> repeat(size, "", () -> "sk-", "")),
          new Kind(
              "api-key-ghp-short-runs",
              (random, size) ->
                  repeat(
                      size,
                      "",
                      () -> "ghp_" + chars(random, BASE62, 1 + random.nextInt(29)) + " ",
                      "")),
          new Kind(
              "api-key-prefix-near-misses",
              (random, size) -> repeat(size, "", () -> nearApiKey(random), "")),
          // key = value pairs: quoted values that never close (one stack frame per character in a
          // regex group),
          // escapes, and keys whose separator or value never comes
          new Kind(
              "pair-password-quote-unclosed",
              (random, size) -> repeat(size, "password=\"", () -> sentence(random) + " ", "")),
          new Kind(
              "pair-password-escaped-quote-pairs",
              (random, size) -> repeat(size, "password=\"", () -> "\\\"", "")),
          new Kind(
              "pair-json-password-backslash-run",
              (random, size) -> repeat(size, "{\"password\": \"", () -> "\\\\", "")),
          new Kind(
              "pair-escaped-json-password",
              (random, size) ->
                  repeat(
                      size,
                      "{\"arguments\":\"{\\\"password\\\":\\\"",
                      () ->
                          List.of("\\\\n", "\\\\t", "\\\\u00e9", "\\\\\\\\", "word ")
                              .get(random.nextInt(5)),
                      "")),
          new Kind(
              "pair-password-single-quote-unclosed",
              (random, size) ->
                  repeat(size, "password='", () -> sentence(random).replace('\'', ' ') + " ", "")),
          new Kind(
              "pair-password-equals-run",
              (random, size) -> repeat(size, "", () -> "password=", "")),
          new Kind("pair-token-colon-run", (random, size) -> repeat(size, "", () -> "token: ", "")),
          new Kind(
              "pair-my-key-is-run", (random, size) -> repeat(size, "", () -> "my key is ", "")),
          new Kind(
              "pair-query-empty-values-run",
              (random, size) -> repeat(size, "", () -> "?session=&token=&sig=", "")),
          new Kind(
              "pair-key-whitespace-no-separator",
              (random, size) ->
                  repeat(
                      size,
                      "",
                      () -> "password" + chars(random, WHITESPACE, 1 + random.nextInt(64)) + "x ",
                      "")),
          // percent-encoded text that never completes an escape
          new Kind("percent-run", (random, size) -> repeat(size, "", () -> "%", "")),
          new Kind("percent-2-run", (random, size) -> repeat(size, "", () -> "%2", "")),
          // what any scanner meets: one huge token, blank space, deep nesting, binary and random
          // text
          new Kind("base62-single-token", (random, size) -> chars(random, BASE62, size)),
          new Kind("whitespace-run", (random, size) -> chars(random, WHITESPACE, size)),
          new Kind("json-deep-arrays", (random, size) -> repeat(size, "", () -> "[", "")),
          new Kind("json-deep-objects", (random, size) -> repeat(size, "", () -> "{\"a\":", "")),
          new Kind(
              "json-deep-token-objects",
              (random, size) -> repeat(size, "", () -> "{\"token\":", "")),
          // every char value, so also NUL and unpaired surrogates
          new Kind("binary-random-utf16", (random, size) -> randomChars(random, size, 0, 0x10000)),
          new Kind("ascii-random-printable", (random, size) -> randomChars(random, size, ' ', 95)),
          // the baseline, and the most replacements per character
          new Kind("prose", (random, size) -> repeat(size, "", () -> sentence(random) + " ", "")),
          new Kind(
              "secrets-dense", (random, size) -> repeat(size, "", () -> secretLine(random), "")));

  private AdversarialInputs() {}

  /** The name of every input, in the order of {@link #all}. */
  public static List<String> names() {
    return KINDS.stream().map(Kind::name).toList();
  }

  /** Every input, each {@code size} chars long (from 1 KB on, each keeps its whole shape). */
  public static List<Adversarial> all(int size) {
    return KINDS.stream().map(kind -> generate(kind, size)).toList();
  }

  /** The input called {@code name}, {@code size} chars long. */
  public static Adversarial of(String name, int size) {
    return KINDS.stream()
        .filter(kind -> kind.name().equals(name))
        .findFirst()
        .map(kind -> generate(kind, size))
        .orElseThrow(() -> new IllegalArgumentException("no adversarial input named " + name));
  }

  /**
   * A {@link #PROMPT_SIZE} message mixing the worst inputs, as an attacker would send one to an
   * agent: prose, then pieces of the quadratic runs, near-miss tokens, an escaped JSON password and
   * a 6 KB password that never closes.
   */
  public static Adversarial prompt() {
    int kb = 1024;
    String text =
        of("prose", 2 * kb).text()
            + of("jwt-eyJ-dash-run", 2 * kb).text()
            + of("url-scheme-a-dot-run", 2 * kb).text()
            + of("url-host-a-dot-run", 2 * kb).text()
            + of("bearer-near-token-run", kb).text()
            + of("basic-near-word-run", kb).text()
            + of("aws-secret-39-char-runs", kb).text()
            + of("api-key-prefix-near-misses", kb).text()
            + of("pair-escaped-json-password", 2 * kb).text()
            + of("pair-password-quote-unclosed", PROMPT_SIZE - 14 * kb).text();
    return new Adversarial("adversarial-prompt", text);
  }

  private static Adversarial generate(Kind kind, int size) {
    return new Adversarial(
        kind.name(), kind.generator().text(new Random(kind.name().hashCode()), size));
  }

  /**
   * {@code prefix}, then units up to {@code size} chars with {@code suffix} last; exactly {@code
   * size} chars.
   */
  private static String repeat(int size, String prefix, Supplier<String> unit, String suffix) {
    int bodyEnd = Math.max(0, size - suffix.length());
    StringBuilder text = new StringBuilder(size + 128).append(prefix);
    while (text.length() < bodyEnd) {
      text.append(unit.get());
    }
    text.setLength(bodyEnd);
    text.append(suffix);
    text.setLength(size);
    return text.toString();
  }

  private static String chars(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** {@code size} chars drawn from the {@code count} char values from {@code first} on. */
  private static String randomChars(Random random, int size, int first, int count) {
    char[] text = new char[size];
    for (int i = 0; i < size; i++) {
      text[i] = (char) (first + random.nextInt(count));
    }
    return new String(text);
  }

  /**
   * Base64 with an upper-case letter, a lower-case letter and a digit, as an AWS secret access key
   * has.
   */
  private static String mixedBase64(Random random, int length) {
    return chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)
        + chars(random, LOWER, 1)
        + chars(random, "0123456789", 1)
        + chars(random, BASE64, length - 3);
  }

  private static String capitalised(Random random, int length) {
    return chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + chars(random, LOWER, length - 1);
  }

  private static String sentence(Random random) {
    return PROSE[random.nextInt(PROSE.length)];
  }

  /** A known API key prefix followed by one character fewer than that kind of key has. */
  private static String nearApiKey(Random random) {
    ApiKeyShape shape = API_KEY_SHAPES.get(random.nextInt(API_KEY_SHAPES.size()));
    return shape.prefix() + chars(random, BASE62, shape.length() - 1) + " ";
  }

  /** A line that holds one secret of some shape, or now and then a line of prose. */
  private static String secretLine(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "Authorization: Bearer " + jwt(random) + "\n";
      case 1 ->
          "aws_access_key_id = "
              + "AKIA"
              + chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
              + "\n";
      case 2 -> "the rotated key is " + mixedBase64(random, 40) + ", keep it safe\n";
      case 3 ->
          "DATABASE_URL=postgres://orders:"
              + chars(random, BASE62, 16)
              + "@db.internal:5432/orders\n";
      case 4 ->
          "{\"user\": \"svc-orders\", \"password\": \""
              + chars(random, BASE62 + " !#$%", 20)
              + "\"}\n";
      case 5 -> "export OPENAI_API_KEY=" + "sk-proj-" + chars(random, BASE64_URL, 48) + "\n";
      case 6 ->
          "git clone https://github.com/acme/orders (token "
              + "ghp_"
              + chars(random, BASE62, 36)
              + ")\n";
      case 7 ->
          "Authorization: Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("svc:" + chars(random, BASE62, 12)).getBytes(StandardCharsets.US_ASCII))
              + "\n";
      case 8 ->
          PEM_BEGIN
              + "\n"
              + chars(random, BASE64, 64)
              + "\n"
              + chars(random, BASE64, 24)
              + "==\n"
              + PEM_END
              + "\n";
      default -> sentence(random) + "\n";
    };
  }

  private static String jwt(Random random) {
    return "eyJ"
        + chars(random, BASE64_URL, 20 + random.nextInt(20))
        + "."
        + "eyJ"
        + chars(random, BASE64_URL, 30 + random.nextInt(50))
        + "."
        + chars(random, BASE64_URL, 43);
  }
}
