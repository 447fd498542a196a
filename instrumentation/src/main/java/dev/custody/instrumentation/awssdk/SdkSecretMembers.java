package dev.custody.instrumentation.awssdk;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * {@link SecretMembers} read by the SDK's own JSON parser: the only class here that needs {@code
 * json-utils}.
 */
final class SdkSecretMembers {

  private static final JsonNodeParser PARSER = JsonNodeParser.create();

  private SdkSecretMembers() {}

  static void collect(String json, List<String> found) {
    Deque<JsonNode> toRead = new ArrayDeque<>();
    try {
      toRead.push(PARSER.parse(json));
    } catch (UncheckedIOException | IllegalArgumentException notJson) {
      return; // malformed, or nested deeper than Jackson reads (1,000)
    }
    while (!toRead.isEmpty()) {
      JsonNode node = toRead.pop();
      if (node.isObject()) {
        node.asObject()
            .forEach(
                (name, member) -> {
                  if (member.isString() && SecretMembers.isSecretName(name)) {
                    found.add(member.asString());
                  } else {
                    toRead.push(member);
                  }
                });
      } else if (node.isArray()) {
        node.asArray().forEach(toRead::push);
      }
    }
  }
}
