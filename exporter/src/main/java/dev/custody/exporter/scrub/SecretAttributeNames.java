package dev.custody.exporter.scrub;

import java.util.Locale;
import java.util.Set;

/**
 * Attributes whose name says they carry a credential, whatever their value looks like: captured
 * credential headers and gRPC metadata ({@code http.request.header.authorization}, {@code
 * ...x-api-key}, {@code ...cookie}) and attributes an application names after a secret ({@code
 * db.password}, {@code api_key}, {@code session_token}). Their value is replaced; an {@code
 * Authorization} value keeps its scheme ({@code Bearer [REDACTED:credential]}), which tells an
 * investigator what kind of credential was presented.
 */
final class SecretAttributeNames {

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-api-key",
          "api-key",
          "apikey",
          "x-auth-token",
          "x-vault-token",
          "x-amz-security-token",
          "x-goog-api-key",
          "private-token",
          "x-access-token",
          "x-csrf-token",
          "x-xsrf-token",
          "ocp-apim-subscription-key",
          "x-functions-key");

  /** Endings of a name (after {@code _}, {@code -} or nothing) that make it a secret's name. */
  private static final String[] SECRET_ENDINGS = {
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "access_key",
    "access-key",
    "secret_key",
    "private_key",
    "signing_key",
    "credentials",
    "signature"
  };

  private SecretAttributeNames() {}

  /**
   * The kind of credential an attribute of this name carries, or null when its name says nothing.
   */
  static String kindOf(String attributeName) {
    String name =
        attributeName.substring(attributeName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (CREDENTIAL_HEADERS.contains(name)) {
      return name.endsWith("cookie") ? "cookie" : "credential";
    }
    for (String ending : SECRET_ENDINGS) {
      int at = name.length() - ending.length();
      if (name.endsWith(ending)
          && (at == 0 || name.charAt(at - 1) == '_' || name.charAt(at - 1) == '-')) {
        return ending.startsWith("pass") ? "password" : "credential";
      }
    }
    return null;
  }

  static String marker(String kind) {
    return "[REDACTED:" + kind + "]";
  }

  /**
   * The value of a credential attribute with nothing of the credential left: the scrubbed value
   * itself when it is only a marker (after an optional scheme), else the scheme, if any, and a
   * marker.
   */
  static String withoutCredential(String scrubbed, String kind) {
    int schemeEnd = schemeEnd(scrubbed);
    String rest = scrubbed.substring(schemeEnd);
    if (isOneMarker(rest)) {
      return scrubbed;
    }
    return scrubbed.substring(0, schemeEnd) + marker(kind);
  }

  /**
   * The end of an authentication scheme and its space at the start of the value ({@code Bearer }),
   * or 0.
   */
  private static int schemeEnd(String value) {
    int space = value.indexOf(' ');
    if (space <= 0 || space > 32) {
      return 0;
    }
    for (int i = 0; i < space; i++) {
      char c = value.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '-') {
        return 0;
      }
    }
    return space + 1;
  }

  private static boolean isOneMarker(String text) {
    return (text.startsWith("[REDACTED:") || text.startsWith("[UNSCANNED:"))
        && text.indexOf(']') == text.length() - 1;
  }
}
