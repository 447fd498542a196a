package dev.custody.core.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.core.scrub.LabelledCorpus.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelledCorpusTest {

  @Test
  void removesTheMarkersAndKeepsWhatTheyEnclose() {
    Case parsed =
        LabelledCorpus.parse(3, "+\tkey-value\tpassword=⟦{pw:12}⟧ and key ⟦ab_{hex:4}⟧ end");

    assertThat(parsed.line()).isEqualTo(3);
    assertThat(parsed.secret()).isTrue();
    assertThat(parsed.category()).isEqualTo("key-value");
    assertThat(parsed.secrets()).hasSize(2);
    assertThat(parsed.text())
        .isEqualTo(
            "password=" + parsed.secrets().get(0) + " and key " + parsed.secrets().get(1) + " end");
    assertThat(parsed.secrets().get(1)).matches("ab_[0-9a-f]{4}");
  }

  @Test
  void expandsEscapesAndKeepsOtherBackslashes() {
    Case parsed = LabelledCorpus.parse(1, "-\tpath\ta\\nb\\tc\\\\d {\\\"k\\\":1}");

    assertThat(parsed.text()).isEqualTo("a\nb\tc\\d {\\\"k\\\":1}");
    assertThat(parsed.secrets()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{b62:40}    | [A-Za-z0-9]{40}",
        "{hex:32}    | [0-9a-f]{32}",
        "{HEX:32}    | [0-9A-F]{32}",
        "{b64:40}    | [A-Za-z0-9+/]{40}",
        "{b64url:43} | [A-Za-z0-9_-]{43}",
        "{upper:5}   | [A-Z]{5}",
        "{lower:5}   | [a-z]{5}",
        "{digits:12} | [0-9]{12}",
        "{updig:16}  | [A-Z0-9]{16}",
        "{uuid}      | [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        "{pw:14}     | [A-Za-z0-9][A-Za-z0-9!#%*+.@^_-]{12}[A-Za-z0-9]",
      })
  void expandsEachPlaceholderToItsAlphabetAndLength(String placeholder, String expected) {
    String text = LabelledCorpus.parse(7, "-\tx\tid " + placeholder + " end").text();

    assertThat(text).matches("id " + expected + " end");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{b62:40}", "{b64:40}", "{b64url:40}"})
  void mixesUpperCaseLowerCaseAndDigits(String placeholder) {
    for (int line = 1; line <= 200; line++) {
      assertThat(LabelledCorpus.parse(line, "-\tx\t" + placeholder).text())
          .containsPattern("[A-Z]")
          .containsPattern("[a-z]")
          .containsPattern("[0-9]");
    }
  }

  @Test
  void expandsTheSameLineTheSameWayAndAnotherLineAnotherWay() {
    String line = "-\tx\t{b62:20} {uuid}";

    assertThat(LabelledCorpus.parse(5, line).text())
        .isEqualTo(LabelledCorpus.parse(5, line).text());
    assertThat(LabelledCorpus.parse(5, line).text())
        .isNotEqualTo(LabelledCorpus.parse(6, line).text());
  }

  @Test
  void leavesBracesThatAreNoPlaceholder() {
    assertThat(LabelledCorpus.parse(1, "-\tx\t${DB_PASSWORD} {\"a\":{{ b }}}").text())
        .isEqualTo("${DB_PASSWORD} {\"a\":{{ b }}}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+\tx\tno secret marked",
        "-\tx\ta ⟦marked⟧ near miss",
        "+\tx\t⟦never closed",
        "+\tx\tclosed⟧ never opened",
        "+\tx\t⟦nested ⟦twice⟧⟧",
        "+\tx\tempty ⟦⟧",
        "*\tx\tbad label",
        "+\tmissing text",
      })
  void rejectsMalformedLines(String line) {
    assertThatThrownBy(() -> LabelledCorpus.parse(9, line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 9");
  }
}
