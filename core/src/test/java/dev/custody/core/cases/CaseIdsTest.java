package dev.custody.core.cases;

import static dev.custody.core.CustodyAttributes.CASE_ID_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CaseIdsTest {

  private static final String VALID_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void mintsDistinct32DigitLowerCaseHexIds() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = CaseIds.mint();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(CaseIds.isValid(id)).isTrue();
      ids.add(id);
    }

    assertThat(ids).hasSize(10_000);
  }

  @Test
  void aContextCountedForACaseCarriesItsIdAndKeepsItsOtherBaggage() {
    Context context = Context.root().with(Baggage.builder().put("tenant", "acme").build());

    Context inCase = CaseIds.inCase(context, VALID_ID);

    assertThat(CaseIds.fromContext(inCase)).isEqualTo(VALID_ID);
    assertThat(Baggage.fromContext(inCase).getEntryValue("tenant")).isEqualTo("acme");
    assertThat(CaseIds.inCase(context, null)).isSameAs(context);
  }

  @Test
  void acceptsA32DigitLowerCaseHexId() {
    assertThat(CaseIds.isValid(VALID_ID)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "4bf92f3577b34da6a3ce929d0e0e473", // 31 digits
        "4bf92f3577b34da6a3ce929d0e0e47360", // 33 digits
        "4BF92F3577B34DA6A3CE929D0E0E4736", // upper case
        "4bf92f3577b34da6a3ce929d0e0e473g", // not hex
        "00000000000000000000000000000000",
      })
  void rejectsAnythingElse(String id) {
    assertThat(CaseIds.isValid(id)).isFalse();
  }

  @Test
  void keepsAValidIdAlreadyInBaggage() {
    Context context = Context.root().with(Baggage.builder().put(CASE_ID_KEY, VALID_ID).build());

    Context withCaseId = CaseIds.withCaseId(context);

    assertThat(withCaseId).isSameAs(context);
    assertThat(CaseIds.fromContext(withCaseId)).isEqualTo(VALID_ID);
  }

  @Test
  void mintsAnIdWhenNoneIsInBaggage() {
    assertThat(CaseIds.fromContext(Context.root())).isNull();

    assertThat(CaseIds.fromContext(CaseIds.withCaseId(Context.root()))).matches("[0-9a-f]{32}");
  }

  @Test
  void replacesAnInvalidIdAndKeepsTheOtherEntries() {
    Baggage baggage =
        Baggage.builder().put("user.id", "u-42").put(CASE_ID_KEY, "not-a-case-id").build();
    Context context = Context.root().with(baggage);
    assertThat(CaseIds.fromContext(context)).isNull();

    Context withCaseId = CaseIds.withCaseId(context);

    assertThat(CaseIds.fromContext(withCaseId)).matches("[0-9a-f]{32}");
    assertThat(Baggage.fromContext(withCaseId).getEntryValue("user.id")).isEqualTo("u-42");
  }
}
