package dev.custody.instrumentation.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsManagerFetchesTest {

  @Test
  void aFetchIsNamedByTheSecretsNameWhetherAskedByNameOrArn() {
    assertThat(SecretsManagerFetches.fetchName("prod/db/password"))
        .isEqualTo("fetch aws-secretsmanager prod/db/password");
    assertThat(
            SecretsManagerFetches.fetchName(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db/password-AbCdEf"))
        .isEqualTo("fetch aws-secretsmanager prod/db/password");
    assertThat(SecretsManagerFetches.fetchName(null)).isEqualTo("fetch aws-secretsmanager");
  }
}
