package dev.custody.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the one JSON reader reads, and that whatever it is given it ends with a value or a parse
 * failure.
 */
class JsonReaderTest {

  /** A document with every kind of value, nested, escaped and spaced. */
  private static final String SAMPLE =
      "{\"name\":\"Zo\\u00eb \\\"Z\\\" \\ud83d\\ude00\",\"n\":-12.5e-1,\"big\":12345678901,"
          + "\"ok\":true,\"no\":false,\"none\":null,\"list\":[1, [ ], {\"x\" : \"y\"}, \"\\n\"],\"empty\":{}}";

  @Test
  void everyEscapeReadsAsTheCharacterItStandsFor() throws Exception {
    assertThat(JsonReader.read("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20AC\""))
        .isEqualTo("\" \\ / \b \f \n \r \t A é €");
    assertThat(JsonReader.read("\"plain\"")).isEqualTo("plain");
    assertThat(JsonReader.read("\"\"")).isEqualTo("");
  }

  @Test
  void surrogatePairsMakeOneCharacterAndLoneSurrogatesAreKept() throws Exception {
    assertThat(JsonReader.read("\"\\ud83d\\ude00\"")).isEqualTo("😀");
    assertThat(JsonReader.read("\"\\uD83D\\uDE00\"")).isEqualTo("\uD83D\uDE00");
    assertThat(JsonReader.read("\"a\\ud800b\"")).isEqualTo("a\ud800b");
    assertThat(JsonReader.read("\"\\udc00\"")).isEqualTo("\udc00");
  }

  @Test
  void unicodeTextPassesAsItIs() throws Exception {
    assertThat(JsonReader.read("{\"日本語\":\"Grüße, мир 😀\"}"))
        .isEqualTo(Map.of("日本語", "Grüße, мир 😀"));
    assertThat(JsonReader.read("\"\u2028\u2029\u007f\"")).isEqualTo("\u2028\u2029\u007f");
  }

  @Test
  void malformedStringsFail() {
    for (String bad :
        List.of(
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "\"\\u０１２３\"",
            "\"a\nb\"",
            "\"\t\"",
            "\"\u0000\"",
            "\"open",
            "\"\\",
            "\"\\u",
            "'single'")) {
      assertFails(bad);
    }
  }

  @Test
  void numbersAreLongsWhenWholeAndInRangeElseDoubles() throws Exception {
    assertThat(JsonReader.read("0")).isEqualTo(0L);
    assertThat(JsonReader.read("-0")).isEqualTo(0L);
    assertThat(JsonReader.read("42")).isEqualTo(42L);
    assertThat(JsonReader.read("-7")).isEqualTo(-7L);
    assertThat(JsonReader.read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonReader.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(JsonReader.read("9223372036854775808")).isEqualTo(9.223372036854775808E18);
    assertThat(JsonReader.read("1.5")).isEqualTo(1.5);
    assertThat(JsonReader.read("-2.5e3")).isEqualTo(-2500.0);
    assertThat(JsonReader.read("1E+2")).isEqualTo(100.0);
    assertThat(JsonReader.read("1e-2")).isEqualTo(0.01);
    assertThat(JsonReader.read("10e0")).isEqualTo(10.0);
    assertThat(JsonReader.read("1" + "0".repeat(400))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(JsonReader.read("-1e400")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(JsonReader.read("1e-400")).isEqualTo(0.0);
    assertThat(JsonReader.read("0." + "1".repeat(100_000))).isInstanceOf(Double.class);
  }

  @Test
  void malformedNumbersFail() {
    for (String bad :
        List.of(
            "01",
            "-",
            "-a",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "1.e3",
            "0x10",
            "NaN",
            "Infinity",
            "-Infinity",
            "1_000",
            "1 2",
            "--1")) {
      assertFails(bad);
    }
  }

  @Test
  void literalsAreExact() throws Exception {
    assertThat(JsonReader.read("true")).isEqualTo(true);
    assertThat(JsonReader.read("false")).isEqualTo(false);
    assertThat(JsonReader.read(" null ")).isNull();
    for (String bad : List.of("tru", "nul", "True", "NULL", "falsey", "undefined")) {
      assertFails(bad);
    }
  }

  @Test
  void objectsKeepDocumentOrderAndTheLastOfARepeatedNameAndCannotBeChanged() throws Exception {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("b", 1L);
    expected.put("a", List.of("x", false));
    expected.put("c", null);
    Map<?, ?> read =
        (Map<?, ?>) JsonReader.read(" {\"b\":0 ,\"a\":[\"x\",false],\n\"c\":null,\"b\":1}\r\n");
    assertThat(read).isEqualTo(expected);
    assertThat(read.keySet()).hasToString("[b, a, c]");
    assertThatThrownBy(read::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) read.get("a")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theSampleReadsWhole() throws Exception {
    Map<?, ?> sample = (Map<?, ?>) JsonReader.read(SAMPLE);
    assertThat(sample.get("name")).isEqualTo("Zoë \"Z\" 😀");
    assertThat(sample.get("n")).isEqualTo(-1.25);
    assertThat(sample.get("big")).isEqualTo(12345678901L);
    assertThat(sample.get("list")).isEqualTo(List.of(1L, List.of(), Map.of("x", "y"), "\n"));
    assertThat(sample.get("empty")).isEqualTo(Map.of());
    assertThat(sample.containsKey("none")).isTrue();
  }

  @Test
  void malformedStructuresFail() {
    for (String bad :
        List.of(
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{\"a\":}",
            "{a:1}",
            "{1:1}",
            "{\"a\":1",
            "[1",
            "]",
            "}",
            "{]",
            "[}",
            "[\"a\":1]",
            "{\"a\",1}",
            ",",
            ":")) {
      assertFails(bad);
    }
  }

  @Test
  void nestingStopsAtTheDepthLimitWithoutRecursing() throws Exception {
    int limit = JsonReader.MAX_DEPTH;
    assertThat(JsonReader.read("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(List.class);
    assertFails("[".repeat(limit + 1) + "]".repeat(limit + 1));
    assertFails("{\"a\":".repeat(limit) + "{}" + "}".repeat(limit));
    assertThat(JsonReader.read("{\"a\":".repeat(limit - 1) + "{}" + "}".repeat(limit - 1)))
        .isInstanceOf(Map.class);
    // The answer that made the reader it replaced overflow its stack, and worse.
    assertFails("[".repeat(64 * 1024));
    assertFails("[".repeat(100_000) + "]".repeat(100_000));
    assertFails("{\"a\":[".repeat(100_000));
  }

  @Test
  void sizeAndValueCountAreBounded() throws Exception {
    // The array itself is a value: with MAX_VALUES - 1 items it is at the limit.
    String atLimit = "[" + "0,".repeat(JsonReader.MAX_VALUES - 2) + "0]";
    assertThat((List<?>) JsonReader.read(atLimit)).hasSize(JsonReader.MAX_VALUES - 1);
    assertFails("[" + "0,".repeat(JsonReader.MAX_VALUES - 1) + "0]");
    assertFails("[" + "{},".repeat(JsonReader.MAX_VALUES) + "{}]");
    String tooLong = "\"" + "a".repeat(JsonReader.MAX_LENGTH - 1) + "\"";
    assertThat(catchThrowable(() -> JsonReader.read(tooLong)))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("longer than");
    assertThat(JsonReader.read("\"" + "a".repeat(JsonReader.MAX_LENGTH - 2) + "\""))
        .isInstanceOf(String.class);
  }

  @Test
  void aDocumentCutAtAnyPositionFails() {
    for (int end = 0; end < SAMPLE.length(); end++) {
      String cut = SAMPLE.substring(0, end);
      Throwable failure = catchThrowable(() -> JsonReader.read(cut));
      assertThat(failure).as("cut at %d: %s", end, cut).isInstanceOf(JsonParseException.class);
      assertThat(((JsonParseException) failure).position()).isBetween(0, end);
    }
  }

  @Test
  void textAfterTheValueFails() throws Exception {
    for (String bad :
        List.of("{} x", "1 2", "[1]]", "\"a\"\"b\"", "{}{}", "true false", "null,", "0-1")) {
      assertFails(bad);
    }
    assertThat(JsonReader.read(" \t\n\r{}\n ")).isEqualTo(Map.of());
  }

  @Test
  void nothingIsNoJson() {
    for (String bad : Arrays.asList(null, "", "   ", "\n", "\uFEFF{}", "\u00a0{}", "\u2003")) {
      assertFails(bad);
    }
  }

  @Test
  void anyMutationOfTheSampleEndsInAValueOrAParseFailure() {
    Random random = new Random(42);
    String alphabet = "{}[]\",:\\/u0123456789abcdefABCDEF.eE+-tnrfl \t\n\u0000\ud800😀é";
    for (int round = 0; round < 20_000; round++) {
      StringBuilder mutated = new StringBuilder(SAMPLE);
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        int at = random.nextInt(mutated.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> mutated.setCharAt(at, c);
          case 1 -> mutated.insert(at, c);
          default -> mutated.deleteCharAt(at);
        }
      }
      String text = mutated.toString();
      Throwable thrown = catchThrowable(() -> JsonReader.read(text));
      assertThat(thrown)
          .as(text)
          .satisfiesAnyOf(
              failure -> assertThat(failure).isNull(),
              failure -> assertThat(failure).isInstanceOf(JsonParseException.class));
    }
  }

  private static void assertFails(String text) {
    assertThat(catchThrowable(() -> JsonReader.read(text)))
        .as("%s", text == null || text.length() < 80 ? text : text.substring(0, 80) + "...")
        .isInstanceOf(JsonParseException.class);
  }
}
