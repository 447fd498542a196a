package dev.custody.exporter.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String json(Object value) {
    return new String(CanonicalJson.bytes(value), StandardCharsets.UTF_8);
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsAsRfc8785Sorts() {
    Map<String, Object> members = new HashMap<>();
    for (String name : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
      members.put(name, name.length() + 0L);
    }

    assertThat(json(members))
        .isEqualTo(
            "{\"\\r\":1,\"1\":1,\"\u0080\":1,\"\u00f6\":1,\"\u20ac\":1,\"\ud83d\ude00\":2,\"\ufb33\":1}");
  }

  @Test
  void stringsAreEscapedAsJsonStringifyEscapesThem() {
    assertThat(json("q\" b\\ \b\f\n\r\t \u0001\u001f / \u00e9 \u2028"))
        .isEqualTo("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f / \u00e9 \u2028\"");
  }

  @Test
  void absentMembersAreLeftOutAndNothingIsSpaced() {
    Map<String, Object> members = new HashMap<>();
    members.put("b", List.of("x", 2L));
    members.put("a", null);
    members.put("c", Map.of());

    assertThat(json(members)).isEqualTo("{\"b\":[\"x\",2],\"c\":{}}");
  }

  @Test
  void anyTextIsEncodedAsTheJdkEncodesUtf8UnpairedSurrogatesIncluded() {
    char[] alphabet = {'a', '"', '\\', '\n', '\u0001', '\u00e9', '\u20ac', '\ud83d', '\ude00', '~'};
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(i % 100 == 0 ? 9000 : 12); n > 0; n--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String expected =
          "\""
              + text.toString()
                  .replace("\\", "\\\\")
                  .replace("\"", "\\\"")
                  .replace("\n", "\\n")
                  .replace("\u0001", "\\u0001")
              + "\"";
      assertThat(CanonicalJson.bytes(text.toString()))
          .as("%s", text)
          .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }
  }
}
