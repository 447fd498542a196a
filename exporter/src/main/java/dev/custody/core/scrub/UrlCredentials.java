package dev.custody.core.scrub;

/**
 * The password in a URL's user information ({@code scheme://user:password@host}), found from each {@code ://} reading no
 * further than the next {@code /}, so each character is read a bounded number of times; and the token of webhook URLs,
 * which are credentials themselves (Slack, Discord).
 */
final class UrlCredentials {

  private UrlCredentials() {}

  /** Webhook URLs whose path after this prefix is the credential. */
  private static final String[] WEBHOOK_PATHS = {
    "hooks.slack.com/services/", "hooks.slack.com/workflows/", "discord.com/api/webhooks/",
    "discordapp.com/api/webhooks/"
  };

  static void find(String text, Redactions out) {
    userInfo(text, out);
    oracleThin(text, out);
    for (String webhook : WEBHOOK_PATHS) {
      for (int at = text.indexOf(webhook); at >= 0; at = text.indexOf(webhook, at + webhook.length())) {
        int start = at + webhook.length();
        int end = start;
        while (end < text.length() && (Chars.isBase64Url(text.charAt(end)) || text.charAt(end) == '/')) {
          end++;
        }
        out.add(start, end, "webhook");
      }
    }
  }

  /** Oracle's JDBC URL {@code jdbc:oracle:thin:user/password@host}. */
  private static void oracleThin(String text, Redactions out) {
    String thin = ":thin:";
    for (int at = text.indexOf(thin); at >= 0; at = text.indexOf(thin, at + thin.length())) {
      int slash = at + thin.length();
      while (slash < text.length() && Chars.isWord(text.charAt(slash))) {
        slash++;
      }
      if (slash >= text.length() || text.charAt(slash) != '/') {
        continue;
      }
      int end = slash + 1;
      while (end < text.length() && !endsPassword(text.charAt(end))) {
        end++;
      }
      if (end > slash + 1 && end < text.length() && text.charAt(end) == '@') {
        out.add(slash + 1, end, "basic-auth");
      }
    }
  }

  private static void userInfo(String text, Redactions out) {
    for (int separator = text.indexOf("://"); separator > 0; separator = text.indexOf("://", separator + 3)) {
      if (!Chars.isAlnum(text.charAt(separator - 1))) {
        continue;
      }
      int userEnd = separator + 3;
      while (userEnd < text.length() && !endsUser(text.charAt(userEnd))) {
        userEnd++;
      }
      if (userEnd >= text.length() || text.charAt(userEnd) != ':') {
        continue; // redis://:password@host has no user, and still a password
      }
      int passwordEnd = userEnd + 1;
      while (passwordEnd < text.length() && !endsPassword(text.charAt(passwordEnd))) {
        passwordEnd++;
      }
      if (passwordEnd > userEnd + 1 && passwordEnd < text.length() && text.charAt(passwordEnd) == '@'
          && !isPlaceholder(text, userEnd + 1, passwordEnd)) {
        out.add(userEnd + 1, passwordEnd, "basic-auth");
      }
    }
  }

  /** {@code ${DB_PASSWORD}}, {@code {{ pw }}}, {@code ****}, {@code <password>}: no password in the URL itself. */
  private static boolean isPlaceholder(String text, int start, int end) {
    char first = text.charAt(start);
    if (first == '$' || first == '{' || first == '<' || first == '%' && text.startsWith("%(", start)) {
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
    return Chars.isSpace(c) || c == ':' || c == '/' || c == '@';
  }

  private static boolean endsPassword(char c) {
    return Chars.isSpace(c) || c == '/' || c == '@';
  }
}
