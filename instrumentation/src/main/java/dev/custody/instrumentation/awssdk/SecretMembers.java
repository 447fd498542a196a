package dev.custody.instrumentation.awssdk;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The members of a secret's JSON value that are secrets of their own ({@code password}, {@code
 * api_key}...), at any depth: applications use them alone. Read with the SDK's own JSON parser
 * ({@code json-utils}, which every JSON protocol client, Secrets Manager's too, brings) where the
 * SDK's class loader has it with a Jackson that bounds nesting (2.15+); else with the core reader.
 */
final class SecretMembers {

  /**
   * The words that make a JSON member a secret of its own ({@code password}, {@code api_key}...),
   * not a host.
   */
  private static final List<String> SECRET_MEMBER_WORDS =
      List.of("pass", "pwd", "secret", "key", "token", "credential");

  private static final boolean SDK_PARSER =
      visible("software.amazon.awssdk.protocols.jsoncore.JsonNodeParser")
          && visible("software.amazon.awssdk.thirdparty.jackson.core.StreamReadConstraints");

  private SecretMembers() {}

  /** The values of the secret members of {@code value}; none when it is no JSON object or array. */
  static List<String> of(String value) {
    String json = value.strip();
    if (!json.startsWith("{") && !json.startsWith("[")) {
      return List.of(); // a plain secret, as most are
    }
    List<String> found = new ArrayList<>();
    if (SDK_PARSER) {
      SdkSecretMembers.collect(json, found);
    } else {
      collectWithCoreReader(json, found);
    }
    return found;
  }

  static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_MEMBER_WORDS.stream().anyMatch(lower::contains);
  }

  /** The same, read by the core reader: when the SDK's parser is out of reach. */
  static void collectWithCoreReader(String json, List<String> found) {
    Deque<Object> toRead = new ArrayDeque<>();
    try {
      toRead.push(JsonReader.read(json));
    } catch (JsonParseException notJson) {
      return;
    }
    while (!toRead.isEmpty()) {
      Object node = toRead.pop();
      if (node instanceof Map<?, ?> members) {
        members.forEach(
            (name, member) -> {
              if (member instanceof String text && isSecretName(String.valueOf(name))) {
                found.add(text);
              } else if (member instanceof Map || member instanceof List) {
                toRead.push(member);
              }
            });
      } else if (node instanceof List<?> items) {
        items.stream()
            .filter(item -> item instanceof Map || item instanceof List)
            .forEach(toRead::push);
      }
    }
  }

  private static boolean visible(String className) {
    try {
      Class.forName(className, false, SecretMembers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
