package dev.custody.instrumentation.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both readers of a secret's JSON value, the SDK's parser and the core reader, and the one chosen
 * here.
 */
class SecretMembersTest {

  private static final List<Function<String, List<String>>> READERS =
      List.of(
          SecretMembers::of,
          value -> collected(value, SdkSecretMembers::collect),
          value -> collected(value, SecretMembers::collectWithCoreReader));

  @Test
  void aMemberWhoseValueHoldsEscapesIsFoundDecoded() {
    // The regex this replaced skipped any value with a backslash in it: such a password was never
    // scrubbed.
    for (Function<String, List<String>> reader : READERS) {
      assertThat(reader.apply("{\"username\":\"orders\",\"password\":\"pa\\\\ss\\\"word\"}"))
          .containsExactly("pa\\ss\"word");
      assertThat(reader.apply("{\"api_key\":\"k\\u00e9y\\n\"}")).containsExactly("kéy\n");
    }
  }

  @Test
  void membersNamedLikeSecretsAreFoundAtAnyDepthAndOthersAreNot() {
    String secret =
        " {\"host\":\"db.internal\",\"port\":5432,\"DB_PASSWORD\":\"one\",\"replicas\":[{\"token\":\"two\"}],"
            + "\"admin\":{\"secretKey\":\"three\",\"user\":\"root\"},\"apiKey\":null,\"key\":7}";
    for (Function<String, List<String>> reader : READERS) {
      assertThat(reader.apply(secret)).containsExactlyInAnyOrder("one", "two", "three");
      assertThat(reader.apply("[{\"pwd\":\"four\"}]")).containsExactly("four");
    }
  }

  @Test
  void aPlainOrMalformedOrTooDeepValueHasNoMembers() {
    for (Function<String, List<String>> reader : READERS) {
      assertThat(reader.apply("hunter2")).isEmpty();
      assertThat(reader.apply("{\"password\":\"cut")).isEmpty();
      assertThat(reader.apply("{password: 'x'}")).isEmpty();
      assertThat(reader.apply("[".repeat(30_000) + "]".repeat(30_000))).isEmpty();
      assertThat(reader.apply("{\"a\":".repeat(30_000) + "{}" + "}".repeat(30_000))).isEmpty();
    }
  }

  private static List<String> collected(String value, BiConsumer<String, List<String>> reader) {
    List<String> found = new ArrayList<>();
    reader.accept(value.strip(), found);
    return found;
  }
}
