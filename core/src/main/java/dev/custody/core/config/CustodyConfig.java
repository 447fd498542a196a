package dev.custody.core.config;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.core.content.CaptureMode;
import dev.custody.core.content.ContentFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The typed {@code custody.*} configuration. A bad value never stops the application: it is
 * reported in one line naming the key, the value and what is accepted, and the default is used
 * instead.
 */
public final class CustodyConfig {

  public static final String CAPTURE_CONTENT = "custody.capture.content";
  public static final String CAPTURE_MAX_LENGTH = "custody.capture.max_length";
  public static final String HASH_KEY = "custody.hash.key";
  public static final String FILE_PATH = "custody.file.path";
  public static final String CONSOLE = "custody.console";
  public static final String WORKLOAD_ID = "custody.workload.id";
  public static final String WORKLOAD_SPIFFE_SVID_PATH = "custody.workload.spiffe.svid_path";
  public static final String WORKLOAD_KUBERNETES_TOKEN_PATH =
      "custody.workload.kubernetes.token_path";
  public static final String WORKLOAD_REFRESH_S = "custody.workload.refresh_s";
  public static final String ENDUSER_HEADER = "custody.enduser.header";
  public static final String ENDUSER_CLAIM = "custody.enduser.claim";
  public static final String OPA_ENDPOINTS = "custody.policy.opa.endpoints";
  public static final String SCRUB_BUDGET_MS = "custody.scrub.budget_ms";
  public static final String SECRETS_MAX_MB = "custody.scrub.secrets.max_mb";
  public static final String SECRETS_FILE = "custody.secrets.file";
  public static final String SECRETS_NAMES = "custody.secrets.names";

  static final CaptureMode DEFAULT_MODE = CaptureMode.REDACTED;
  static final int DEFAULT_MAX_LENGTH = 4096;
  static final int LARGEST_MAX_LENGTH = 1 << 20;
  static final String DEFAULT_FILE_PATH = "custody-traces.jsonl";
  public static final String DEFAULT_KUBERNETES_TOKEN_PATH =
      "/var/run/secrets/kubernetes.io/serviceaccount/token";
  static final int DEFAULT_REFRESH_S = 30;
  static final int LONGEST_REFRESH_S = 86_400;
  static final String DEFAULT_ENDUSER_CLAIM = "sub";
  static final int DEFAULT_SCRUB_BUDGET_MS = 1000;
  static final int LONGEST_SCRUB_BUDGET_MS = 60_000;
  static final int DEFAULT_SECRETS_MAX_MB = 32;
  static final int LARGEST_SECRETS_MAX_MB = 4096;

  /**
   * Environment variables and system properties whose values are secrets, unless the operator lists
   * others.
   */
  static final List<String> DEFAULT_SECRET_NAMES =
      List.of(
          "*password",
          "*passwd",
          "*passphrase",
          "*secret",
          "*token",
          "*_key",
          "*.key",
          "*apikey",
          "*credentials");

  static final List<String> CREDENTIAL_HEADERS =
      List.of("authorization", "proxy-authorization", "cookie");

  private static final CustodyConfig DEFAULTS = parse(Map.of(), warning -> {});

  private static volatile Map<String, String> currentSource;
  private static volatile CustodyConfig current = DEFAULTS;

  private final Map<ContentFamily, CaptureMode> modes;
  private final int maxLength;
  private final String hashKey;
  private final String filePath;
  private final boolean console;
  private final String workloadId;
  private final String svidPath;
  private final String kubernetesTokenPath;
  private final int workloadRefreshSeconds;
  private final String endUserHeader;
  private final String endUserClaim;
  private final List<String> opaEndpoints;
  private final int scrubBudgetMillis;
  private final int secretsMaxMegabytes;
  private final String secretsFile;
  private final List<String> secretNames;
  private final boolean secretNamesConfigured;

  private CustodyConfig(
      Map<ContentFamily, CaptureMode> modes,
      int maxLength,
      String hashKey,
      String filePath,
      boolean console,
      String workloadId,
      String svidPath,
      String kubernetesTokenPath,
      int workloadRefreshSeconds,
      String endUserHeader,
      String endUserClaim,
      List<String> opaEndpoints,
      int scrubBudgetMillis,
      int secretsMaxMegabytes,
      String secretsFile,
      List<String> secretNames) {
    this.modes = modes;
    this.maxLength = maxLength;
    this.hashKey = hashKey;
    this.filePath = filePath;
    this.console = console;
    this.workloadId = workloadId;
    this.svidPath = svidPath;
    this.kubernetesTokenPath = kubernetesTokenPath;
    this.workloadRefreshSeconds = workloadRefreshSeconds;
    this.endUserHeader = endUserHeader;
    this.endUserClaim = endUserClaim;
    this.opaEndpoints = opaEndpoints;
    this.scrubBudgetMillis = scrubBudgetMillis;
    this.secretsMaxMegabytes = secretsMaxMegabytes;
    this.secretsFile = secretsFile;
    this.secretNamesConfigured = secretNames != null;
    this.secretNames = secretNames != null ? secretNames : DEFAULT_SECRET_NAMES;
  }

  /** Every key Custody reads, so a reader can copy them out of any configuration source. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of(CAPTURE_CONTENT, CAPTURE_MAX_LENGTH, HASH_KEY));
    for (ContentFamily family : ContentFamily.values()) {
      keys.add(family.settingKey());
    }
    keys.addAll(
        List.of(
            FILE_PATH,
            CONSOLE,
            WORKLOAD_ID,
            WORKLOAD_SPIFFE_SVID_PATH,
            WORKLOAD_KUBERNETES_TOKEN_PATH,
            WORKLOAD_REFRESH_S,
            ENDUSER_HEADER,
            ENDUSER_CLAIM,
            OPA_ENDPOINTS,
            SCRUB_BUDGET_MS,
            SECRETS_MAX_MB,
            SECRETS_FILE,
            SECRETS_NAMES));
    return Collections.unmodifiableList(keys);
  }

  /**
   * The configuration published at start-up (see {@link CustodySettings}), parsed once per class
   * loader.
   */
  public static CustodyConfig current() {
    Map<String, String> published = CustodySettings.values();
    if (published != currentSource) {
      current = parse(published, warning -> {});
      currentSource = published;
    }
    return current;
  }

  /**
   * Parses raw setting values; every rejected value is reported to {@code warnings} in one line.
   */
  public static CustodyConfig parse(Map<String, String> raw, Consumer<String> warnings) {
    CaptureMode defaultMode = mode(raw, CAPTURE_CONTENT, DEFAULT_MODE, warnings);
    Map<ContentFamily, CaptureMode> modes = new EnumMap<>(ContentFamily.class);
    for (ContentFamily family : ContentFamily.values()) {
      modes.put(family, mode(raw, family.settingKey(), defaultMode, warnings));
    }
    return new CustodyConfig(
        modes,
        maxLength(raw, warnings),
        nonBlank(raw.get(HASH_KEY)),
        raw.getOrDefault(FILE_PATH, DEFAULT_FILE_PATH).trim(),
        bool(raw, CONSOLE, false, warnings),
        nonBlank(raw.get(WORKLOAD_ID)),
        nonBlank(raw.get(WORKLOAD_SPIFFE_SVID_PATH)),
        orDefault(nonBlank(raw.get(WORKLOAD_KUBERNETES_TOKEN_PATH)), DEFAULT_KUBERNETES_TOKEN_PATH),
        refreshSeconds(raw, warnings),
        endUserHeader(raw, warnings),
        orDefault(nonBlank(raw.get(ENDUSER_CLAIM)), DEFAULT_ENDUSER_CLAIM),
        opaEndpoints(raw.get(OPA_ENDPOINTS), warnings),
        wholeNumber(
            raw, SCRUB_BUDGET_MS, 1, LONGEST_SCRUB_BUDGET_MS, DEFAULT_SCRUB_BUDGET_MS, warnings),
        wholeNumber(
            raw, SECRETS_MAX_MB, 1, LARGEST_SECRETS_MAX_MB, DEFAULT_SECRETS_MAX_MB, warnings),
        nonBlank(raw.get(SECRETS_FILE)),
        raw.get(SECRETS_NAMES) == null ? null : commaSeparated(raw.get(SECRETS_NAMES)));
  }

  public CaptureMode mode(ContentFamily family) {
    return modes.get(family);
  }

  public int maxLength() {
    return maxLength;
  }

  /** The key for HMAC content hashes, or null for plain SHA-256. */
  public String hashKey() {
    return hashKey;
  }

  public String filePath() {
    return filePath;
  }

  public boolean console() {
    return console;
  }

  /**
   * The workload identity set by the operator, which wins over anything detected; null when unset.
   */
  public String workloadId() {
    return workloadId;
  }

  /**
   * The X.509 SVID file, or a directory holding {@code svid.pem} or {@code tls.crt}; null when
   * unset.
   */
  public String svidPath() {
    return svidPath;
  }

  public String kubernetesTokenPath() {
    return kubernetesTokenPath;
  }

  /**
   * How often the files that prove the workload identity are checked for a rotation; 0 for never.
   */
  public int workloadRefreshSeconds() {
    return workloadRefreshSeconds;
  }

  /**
   * The request header, in lower case, that names the end user (set by a gateway); null when unset.
   */
  public String endUserHeader() {
    return endUserHeader;
  }

  /** The claim of a bearer JWT that names the end user. */
  public String endUserClaim() {
    return endUserClaim;
  }

  /**
   * The base URLs of the OPA servers the application asks; empty when unset (OPA calls are then
   * told by shape).
   */
  public List<String> opaEndpoints() {
    return opaEndpoints;
  }

  /** How long scrubbing one text may take before the text is replaced unscanned. */
  public int scrubBudgetMillis() {
    return scrubBudgetMillis;
  }

  /** The bound on the memory the remembered secret values take. */
  public int secretsMaxMegabytes() {
    return secretsMaxMegabytes;
  }

  /** A file of secret values, one per line; null when unset. */
  public String secretsFile() {
    return secretsFile;
  }

  /**
   * The names (with {@code *} wildcards, any case) of the environment variables and system
   * properties whose values are secrets.
   */
  public List<String> secretNames() {
    return secretNames;
  }

  /**
   * True when the operator listed the secret names: then every value they name counts, however it
   * looks.
   */
  public boolean secretNamesConfigured() {
    return secretNamesConfigured;
  }

  private static CaptureMode mode(
      Map<String, String> raw, String key, CaptureMode fallback, Consumer<String> warnings) {
    return setting(
        raw,
        key,
        CaptureMode::parse,
        CaptureMode.ACCEPTED,
        fallback,
        fallback.settingValue(),
        warnings);
  }

  private static int maxLength(Map<String, String> raw, Consumer<String> warnings) {
    return setting(
        raw,
        CAPTURE_MAX_LENGTH,
        value -> wholeNumberOrNull(value, 1, LARGEST_MAX_LENGTH),
        "a whole number from 1 to " + LARGEST_MAX_LENGTH,
        DEFAULT_MAX_LENGTH,
        String.valueOf(DEFAULT_MAX_LENGTH),
        warnings);
  }

  private static int wholeNumber(
      Map<String, String> raw,
      String key,
      int least,
      int most,
      int fallback,
      Consumer<String> warnings) {
    return setting(
        raw,
        key,
        value -> wholeNumberOrNull(value, least, most),
        "a whole number from " + least + " to " + most,
        fallback,
        String.valueOf(fallback),
        warnings);
  }

  private static int refreshSeconds(Map<String, String> raw, Consumer<String> warnings) {
    return setting(
        raw,
        WORKLOAD_REFRESH_S,
        value -> wholeNumberOrNull(value, 0, LONGEST_REFRESH_S),
        "a whole number of seconds from 0 (never) to " + LONGEST_REFRESH_S,
        DEFAULT_REFRESH_S,
        String.valueOf(DEFAULT_REFRESH_S),
        warnings);
  }

  private static boolean bool(
      Map<String, String> raw, String key, boolean fallback, Consumer<String> warnings) {
    return setting(
        raw,
        key,
        CustodyConfig::booleanOrNull,
        "true, false",
        fallback,
        String.valueOf(fallback),
        warnings);
  }

  /**
   * The parsed value of {@code key}; the fallback when unset, or when {@code parse} rejects it
   * (with a warning).
   */
  private static <T> T setting(
      Map<String, String> raw,
      String key,
      Function<String, T> parse,
      String accepted,
      T fallback,
      String fallbackText,
      Consumer<String> warnings) {
    String value = raw.get(key);
    if (value == null) {
      return fallback;
    }
    T parsed = parse.apply(value);
    if (parsed == null) {
      warnings.accept(
          "Custody: ignoring "
              + key
              + "='"
              + value
              + "': accepted values are "
              + accepted
              + "; using "
              + fallbackText
              + ".");
      return fallback;
    }
    return parsed;
  }

  private static Integer wholeNumberOrNull(String value, int least, int most) {
    try {
      int parsed = Integer.parseInt(value.trim());
      return parsed >= least && parsed <= most ? parsed : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Boolean booleanOrNull(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> null;
    };
  }

  private static List<String> commaSeparated(String value) {
    List<String> items = new ArrayList<>();
    if (value != null) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return List.copyOf(items);
  }

  /**
   * The base URLs of OPA servers; an entry that is no http(s) URL with a host is left out with a
   * warning, so that a typo does not hide every decision (calls to no configured endpoint are never
   * decisions).
   */
  private static List<String> opaEndpoints(String value, Consumer<String> warnings) {
    List<String> entries = commaSeparated(value);
    List<String> endpoints = entries.stream().filter(CustodyConfig::httpUrl).toList();
    for (String entry : entries) {
      if (!endpoints.contains(entry)) {
        warnings.accept(
            "Custody: ignoring '"
                + entry
                + "' in "
                + OPA_ENDPOINTS
                + ": accepted values are http:// or https:// base"
                + " URLs such as http://opa:8181; using "
                + (endpoints.isEmpty()
                    ? "none (OPA calls are told by their path and body)."
                    : "the other endpoints."));
      }
    }
    return endpoints;
  }

  private static boolean httpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  /**
   * A header that names the end user; never one that carries credentials, which would be recorded
   * as the id.
   */
  private static String endUserHeader(Map<String, String> raw, Consumer<String> warnings) {
    return setting(
        raw,
        ENDUSER_HEADER,
        value -> {
          String header = value.trim().toLowerCase(Locale.ROOT);
          return header.isEmpty() || CREDENTIAL_HEADERS.contains(header) ? null : header;
        },
        "a request header name other than " + String.join(", ", CREDENTIAL_HEADERS),
        null,
        "none",
        warnings);
  }
}
