package dev.custody.testapps.awssdk;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * An operations desk: a LangChain4j AI service whose tools ({@link OpsTools}) read secrets from AWS
 * Secrets Manager and take roles through STS, as a user of both libraries writes it: no Custody
 * code. The model is at {@code -Dapp.model.url}, AWS (Secrets Manager and STS) at {@code
 * -Dapp.aws.url}, the inventory service at {@code -Dapp.backend.url}. Prints {@code ANSWER:
 * <text>}; with {@code -Dapp.await.refresh=true} it then waits until the role provider has
 * refreshed its session in the background, reads once more with it and prints {@code REFRESHED}.
 */
public final class OpsDeskApp {

  public interface OpsAssistant {
    @SystemMessage("You are an operations desk. Use the tools to check the services.")
    String handle(String request);
  }

  /** The key the application itself runs with; sessions and secrets come from AWS. */
  static final StaticCredentialsProvider BASE_CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create("TESTOPSDESKBASE00001", "ops-desk-base-secret-access-key"));

  private OpsDeskApp() {}

  public static void main(String[] args) throws Exception {
    URI aws = URI.create(System.getProperty("app.aws.url"));
    try (StsClient sts =
            StsClient.builder()
                .endpointOverride(aws)
                .region(Region.US_EAST_1)
                .credentialsProvider(BASE_CREDENTIALS)
                .build();
        OpsTools tools = new OpsTools(aws, sts)) {
      OpenAiChatModel model =
          OpenAiChatModel.builder()
              .baseUrl(System.getProperty("app.model.url"))
              .apiKey("test-key")
              .modelName("gpt-4o-mini")
              .build();
      OpsAssistant assistant =
          AiServices.builder(OpsAssistant.class).chatModel(model).tools(tools).build();
      System.out.println(
          "ANSWER: " + assistant.handle("Are the inventory and reports services healthy?"));

      if (Boolean.getBoolean("app.await.refresh")) {
        tools.awaitRoleRefresh(Duration.ofSeconds(30));
        try (SecretsManagerClient withRole = tools.secretsManagerWithRole()) {
          withRole.getSecretValue(request -> request.secretId("reports-db"));
        }
        System.out.println("REFRESHED");
      }
    }
  }
}
