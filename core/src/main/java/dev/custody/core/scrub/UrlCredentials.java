package dev.custody.core.scrub;

/**
 * The password in a URL's user information ({@code scheme://user:password@host}), found from each
 * {@code ://} reading no further than the next {@code /}, so each character is read a bounded
 * number of times; and the token of webhook URLs, which are credentials themselves (Slack,
 * Discord).
 */
final class UrlCredentials {

  private UrlCredentials() {}

  /** Webhook URLs whose path after this prefix is the credential. */
  private static final String[] WEBHOOK_PATHS = {
    "hooks.slack.com/services/",
    "hooks.slack.com/workflows/",
    "discord.com/api/webhooks/",
    "discordapp.com/api/webhooks/"
  };

  /** One pass over the colons of the text: each {@code ://} and {@code :thin:}. */
  static void find(String text, Redactions out) {
    for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
      if (text.startsWith("://", colon) && colon > 0) {
        userInfo(text, colon, out);
        webhook(text, colon + 3, out);
      } else if (text.startsWith(":thin:", colon)) {
        oracleThin(text, colon + 6, out);
      }
    }
  }

  private static void webhook(String text, int host, Redactions out) {
    for (String webhook : WEBHOOK_PATHS) {
      if (text.startsWith(webhook, host)) {
        int start = host + webhook.length();
        int end = start;
        while (end < text.length()
            && (Chars.is(text.charAt(end), Chars.BASE64URL) || text.charAt(end) == '/')) {
          end++;
        }
        out.add(start, end, "webhook");
      }
    }
  }

  /** Oracle's JDBC URL {@code jdbc:oracle:thin:user/password@host}. */
  private static void oracleThin(String text, int user, Redactions out) {
    int slash = Chars.runEnd(text, user, Chars.WORD);
    if (slash >= text.length() || text.charAt(slash) != '/') {
      return;
    }
    int end = slash + 1;
    while (end < text.length() && !endsPassword(text.charAt(end))) {
      end++;
    }
    if (end > slash + 1 && end < text.length() && text.charAt(end) == '@') {
      out.add(slash + 1, end, "basic-auth");
    }
  }

  /**
   * {@code scheme://user:password@}: read no further than the next {@code /}, before the next
   * {@code ://}.
   */
  private static void userInfo(String text, int separator, Redactions out) {
    if (!Chars.is(text.charAt(separator - 1), Chars.ALNUM)) {
      return;
    }
    int userEnd = separator + 3;
    while (userEnd < text.length() && !endsUser(text.charAt(userEnd))) {
      userEnd++;
    }
    if (userEnd >= text.length() || text.charAt(userEnd) != ':') {
      return; // redis://:password@host has no user, and still a password
    }
    int passwordEnd = userEnd + 1;
    while (passwordEnd < text.length() && !endsPassword(text.charAt(passwordEnd))) {
      passwordEnd++;
    }
    if (passwordEnd > userEnd + 1
        && passwordEnd < text.length()
        && text.charAt(passwordEnd) == '@'
        && !isPlaceholder(text, userEnd + 1, passwordEnd)) {
      out.add(userEnd + 1, passwordEnd, "basic-auth");
    }
  }

  /**
   * {@code ${DB_PASSWORD}}, {@code {{ pw }}}, {@code ****}, {@code <password>}: no password in the
   * URL itself.
   */
  private static boolean isPlaceholder(String text, int start, int end) {
    char first = text.charAt(start);
    if (first == '$'
        || first == '{'
        || first == '<'
        || first == '%' && text.startsWith("%(", start)) {
      return true;
    }
    for (int i = start; i < end; i++) {
      if (text.charAt(i) != '*') {
        return false;
      }
    }
    return true;
  }

  private static boolean endsUser(char c) {
    return Chars.is(c, Chars.SPACE) || c == ':' || c == '/' || c == '@';
  }

  private static boolean endsPassword(char c) {
    return Chars.is(c, Chars.SPACE) || c == '/' || c == '@';
  }
}
