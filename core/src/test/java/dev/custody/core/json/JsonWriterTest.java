package dev.custody.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void namesAndValuesAreWrittenInOrderWithTheirCommas() {
    String json =
        new JsonWriter()
            .beginObject()
            .name("a")
            .value("x")
            .name("b")
            .beginArray()
            .value(1L)
            .value(true)
            .value((String) null)
            .beginObject()
            .endObject()
            .endArray()
            .name("c")
            .beginArray()
            .endArray()
            .endObject()
            .toString();
    assertThat(json).isEqualTo("{\"a\":\"x\",\"b\":[1,true,null,{}],\"c\":[]}");
  }

  @Test
  void stringsAndNamesAreEscapedSoTheReaderGetsThemBack() throws Exception {
    String text = "\" \\ / \b \f \n \r \t \u0001 \u001f é 😀 \u2028";
    String json = new JsonWriter().beginObject().name(text).value(text).endObject().toString();
    assertThat(json).doesNotContain("\n", "\t", "\u0001");
    assertThat(JsonReader.read(json)).isEqualTo(Map.of(text, text));
  }

  @Test
  void numbersAreWrittenAsJsonNumbersAndWhatJsonCannotHoldIsNull() {
    assertThat(
            new JsonWriter()
                .beginArray()
                .value(7)
                .value(-7L)
                .value(1.5)
                .value(2.5f)
                .value(1e300)
                .value(new BigInteger("123456789012345678901234567890"))
                .value(new BigDecimal("1.10"))
                .endArray())
        .hasToString("[7,-7,1.5,2.5,1.0E300,123456789012345678901234567890,1.10]");
    assertThat(
            new JsonWriter()
                .beginArray()
                .value(Double.NaN)
                .value(Double.POSITIVE_INFINITY)
                .value(Float.NEGATIVE_INFINITY)
                .value((Number) null)
                .endArray())
        .hasToString("[null,null,null,null]");
    assertThat(new JsonWriter().value(new AtomicLong(3)))
        .as("a Number of its own kind")
        .hasToString("\"3\"");
  }

  @Test
  void decodedValuesKeepTheirStructureAndPassEveryStringThroughTheFilter() throws Exception {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("note", "my secret");
    arguments.put("count", 2);
    arguments.put("flags", Arrays.asList(true, null, Map.of("nested", "x")));
    arguments.put("when", java.time.Duration.ofSeconds(5));
    String json = new JsonWriter().decoded(arguments, text -> text.toUpperCase()).toString();
    assertThat(json)
        .isEqualTo(
            "{\"note\":\"MY SECRET\",\"count\":2,\"flags\":[true,null,{\"nested\":\"X\"}],\"when\":\"PT5S\"}");
    assertThat(JsonReader.read(json)).isInstanceOf(Map.class);
  }

  @Test
  void decodedValuesDeeperThanTheReaderReadsOrInACycleEndInAMarker() throws Exception {
    Object nested = "bottom";
    for (int depth = 0; depth < 1000; depth++) {
      nested = List.of(nested);
    }
    String deep = new JsonWriter().decoded(nested, text -> text).toString();
    assertThat(deep)
        .startsWith("[".repeat(JsonReader.MAX_DEPTH) + "\"" + JsonWriter.TOO_DEEP + "\"");
    assertThat(JsonReader.read(deep)).isInstanceOf(List.class);

    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThat(new JsonWriter().decoded(cycle, text -> text).toString())
        .contains(JsonWriter.TOO_DEEP);
  }
}
