package dev.custody.core.findings;

import static dev.custody.core.findings.TestCase.agent;
import static dev.custody.core.findings.TestCase.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.findings.TestCase.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretExposedToModelTest {

  @Test
  void aKeyTheUserTypedIntoThePromptBeforeTheCaseFetchedIt() {
    Span root = agent().attr("custody.secret.exposed", "true");
    Span fetch =
        span("fetch vault")
            .under(root)
            .at(4)
            .attr("custody.credential.provider", "vault")
            .attr("custody.credential.id", "secret/openai")
            .attr("custody.secret.exposed", "true")
            .attr("custody.secret.exposed_in", List.of("prompt"));

    assertThat(new SecretExposedToModel().findIn(TestCase.of(root, fetch)))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.rule()).isEqualTo("secret-exposed-to-model");
              assertThat(finding.spanId()).isEqualTo(fetch.id());
              assertThat(finding.summary())
                  .isEqualTo(
                      "'fetch vault' fetched a value (secret/openai) the case had already sent"
                          + " to a model or tool (in prompt)");
              assertThat(finding.mapsTo()).contains("LLM02", "AML.T0057");
            });
  }

  @Test
  void aScrubbedSecretInTheMessagesSentToTheModel() {
    Span root = agent();
    Span chat =
        span("chat gpt-4o")
            .under(root)
            .at(2)
            .kind("CLIENT")
            .attr(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"content\":\"use key [REDACTED:openai] to call it\"}]");

    assertThat(new SecretExposedToModel().findIn(TestCase.of(root, chat)))
        .extracting(CaseFinding::summary)
        .containsExactly("'chat gpt-4o' sent the model a secret ([REDACTED:openai] in its input)");
  }

  @Test
  void theRootAloneWhenNoFetchSaysSo() {
    Span root = agent().attr("custody.secret.exposed", "true");

    assertThat(new SecretExposedToModel().findIn(TestCase.of(root)))
        .extracting(CaseFinding::spanId)
        .containsExactly(root.id());
  }

  @Test
  void silentOnAFetchOfASecretNeverSent() {
    Span root = agent();
    Span fetch =
        span("fetch vault")
            .under(root)
            .attr("custody.credential.id", "secret/openai")
            .attr("custody.secret.exposed", "false");
    Span chat =
        span("chat gpt-4o")
            .under(root)
            .attr("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"refund A-17\"}]");

    assertThat(new SecretExposedToModel().findIn(TestCase.of(root, fetch, chat))).isEmpty();
  }
}
