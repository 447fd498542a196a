package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.FakeSecretManager;
import dev.custody.it.harness.FakeWorkloadApi;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.InjectedFaults;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.SpringAiDesk;
import dev.custody.it.harness.SupportDesk;
import dev.custody.it.harness.VaultDesk;
import dev.custody.testing.FakeAzure;
import dev.custody.testing.FakeJwt;
import dev.custody.testing.FakeKubernetes;
import dev.custody.testing.ScriptedAnthropicServer;
import dev.custody.testing.ScriptedAwsServer;
import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedVerifiedPermissionsServer;
import dev.custody.testing.SelfSignedTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Nothing of ours may throw into the application. Each test app of the other ITs runs once with the
 * fault agent beside Custody's: every method and constructor of Custody's code in the app's class
 * loaders fails wherever its caller would see it, entered from advice or inside what a library
 * calls back (see the fault agent). Each app must still exit as usual with the answers its IT
 * expects, no fault may show in its output, and the agent must have thrown some (else the test
 * proves nothing).
 */
@Execution(ExecutionMode.CONCURRENT)
class InjectedFaultsIT {

  @Test
  void langChain4j10() throws Exception {
    supportDesk("langchain4j-1.0");
  }

  @Test
  void langChain4j119() throws Exception {
    supportDesk("langchain4j-1.19");
  }

  private static void supportDesk(String module) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      survived(desk.run(desk.app().withFaults(), module, "sync", "streaming"));
    }
  }

  @Test
  void springAi11() throws Exception {
    try (SpringAiDesk desk = SpringAiDesk.open()) {
      survived(desk.run(desk.app().withFaults(), "spring-ai-1.1", "plain"));
    }
  }

  @Test
  void springAi20() throws Exception {
    try (SpringAiDesk desk = SpringAiDesk.open()) {
      survived(desk.run(desk.app().withFaults(), "spring-ai-2.0", "observed"));
    }
  }

  @Test
  void mcpSdk21ClientAndServer() throws Exception {
    try (McpToolCallIT.ToolWorld world = new McpToolCallIT.ToolWorld(true)) {
      world.callTools("2.1", Map.of(), Map.of());
      McpToolCallIT.assertAnswered(world);
      world.runs.forEach(InjectedFaultsIT::survived);
    }
  }

  @Test
  void mcpSdk11ClientAndServer() throws Exception {
    try (McpToolCallIT.ToolWorld world = new McpToolCallIT.ToolWorld(true)) {
      world.callTools("1.1", Map.of(), Map.of());
      McpToolCallIT.assertAnswered(world);
      world.runs.forEach(InjectedFaultsIT::survived);
    }
  }

  @Test
  void langChain4jMcp() throws Exception {
    try (McpToolCallIT.ToolWorld world = new McpToolCallIT.ToolWorld(true)) {
      world.askAgent(Map.of(), Map.of());
      assertThat(world.answer).contains("ANSWER: " + McpToolCallIT.ANSWER);
      world.runs.forEach(InjectedFaultsIT::survived);
    }
  }

  @Test
  void openAiJava4() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = OpenAiToolLoopIT.scriptedModel()) {
      ForkedApp.Result result =
          OpenAiToolLoopIT.runTasks(ForkedApp.withCustody(receiver).withFaults(), model, "sk-x");
      assertThat(result.stdout())
          .contains(
              "ANSWER blocking: " + OpenAiToolLoopIT.ANSWER,
              "FAILED strict: example.openai.WeatherTools$ToolFailure",
              "FAILED unreachable: com.openai.errors.NotFoundException",
              "ANSWER async: " + OpenAiToolLoopIT.ANSWER,
              "ANSWER streamed: " + OpenAiToolLoopIT.ANSWER);
      survived(result);
    }
  }

  @Test
  void openAiJava1() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = OpenAiToolLoopIT.scriptedModel()) {
      ForkedApp.Result result =
          ForkedApp.withCustody(receiver)
              .withFaults()
              .property("it.model.url", model.baseUrl())
              .property("it.backend.url", model.url(""))
              .args(OpenAiToolLoopIT.BLOCKING)
              .runTestApp("openai-java-1");
      assertThat(result.stdout()).contains("ANSWER blocking: " + OpenAiToolLoopIT.ANSWER);
      survived(result);
    }
  }

  @Test
  void anthropicJava3() throws Exception {
    anthropic(
        "anthropic-java",
        "blocking=" + AnthropicToolLoopIT.BLOCKING,
        "runner=" + AnthropicToolLoopIT.RUNNER,
        "async=" + AnthropicToolLoopIT.ASYNC);
  }

  @Test
  void anthropicJava2() throws Exception {
    anthropic(
        "anthropic-java-2",
        "blocking=" + AnthropicToolLoopIT.BLOCKING,
        "async=" + AnthropicToolLoopIT.ASYNC);
  }

  private static void anthropic(String module, String... tasks) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedAnthropicServer model = AnthropicToolLoopIT.scriptedModel()) {
      ForkedApp.Result result =
          new AnthropicToolLoopIT()
              .app(receiver, model)
              .withFaults()
              .args(tasks)
              .runTestApp(module);
      for (String task : tasks) {
        assertThat(result.stdout())
            .as(result.stderr())
            .contains(
                "ANSWER "
                    + task.substring(0, task.indexOf('='))
                    + ": "
                    + AnthropicToolLoopIT.ANSWER);
      }
      survived(result);
    }
  }

  @Test
  void awsSdk2() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = AwsSdkCredentialsIT.model();
        ScriptedAwsServer aws =
            AwsSdkCredentialsIT.aws("orders-password", "inventory-token", "reports-secret")) {
      ForkedApp.Result result =
          AwsSdkCredentialsIT.app(ForkedApp.withCustody(receiver).withFaults(), model, aws)
              .runTestApp("aws-sdk-2");
      assertThat(result.stdout()).as(result.stderr()).contains(AwsSdkCredentialsIT.ANSWER_LINES);
      survived(result);
    }
  }

  @Test
  void vaultJavaDriver5() throws Exception {
    vaultDesk("vault-java-driver-5");
  }

  @Test
  void vaultJavaDriver6() throws Exception {
    vaultDesk("vault-java-driver-6");
  }

  @Test
  void springVault3() throws Exception {
    vaultDesk("spring-vault-3");
  }

  @Test
  void springVault4() throws Exception {
    vaultDesk("spring-vault-4");
  }

  private static void vaultDesk(String module) throws Exception {
    try (VaultDesk desk = VaultDesk.open()) {
      survived(desk.run(desk.app().withFaults(), module));
    }
  }

  @Test
  void azureKeyVaultAndIdentity() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(Files.createTempDirectory("azure-tls"));
    Map<String, String> values =
        Map.of(
            "db-password",
            "db-" + FakeJwt.randomId(),
            "api-key",
            "api-" + FakeJwt.randomId(),
            "async-key",
            "async-" + FakeJwt.randomId(),
            "mi-secret",
            "mi-" + FakeJwt.randomId(),
            "orders-api-key",
            "orders-" + FakeJwt.randomId());
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeAzure azure = AzureKeyVaultIT.fakeAzure(tls, "client-secret", values, expiry, expiry);
        ScriptedOpenAiServer model = SpiffeIT.opsModel()) {
      ForkedApp.Result result =
          AzureKeyVaultIT.app(
                  ForkedApp.withCustody(receiver).withFaults(), tls, azure, model, "client-secret")
              .runTestApp("azure-keyvault");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "SECRET sync db-password: " + azure.secretId("db-password"),
              "FAILED missing: com.azure.core.exception.ResourceNotFoundException",
              "FAILED denied: java.lang.RuntimeException",
              "ANSWER agent: Nothing stuck.");
      survived(result);
    }
  }

  @Test
  void gcpSecretManager() throws Exception {
    Map<String, String> values =
        Map.of(
            "openai-key",
            "sk-gcp-" + FakeJwt.randomId(),
            "db-password",
            "db-" + FakeJwt.randomId(),
            "static-key",
            "static-" + FakeJwt.randomId(),
            "http-key",
            "http-" + FakeJwt.randomId());
    Instant expiry = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeSecretManager secretManager =
            GcpSecretManagerIT.secretManager(values, expiry, expiry)) {
      ForkedApp.Result result =
          GcpSecretManagerIT.app(ForkedApp.withCustody(receiver).withFaults(), secretManager)
              .runTestApp("gcp-secretmanager");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains("SECRET projects/", "FAILED missing: com.google.api.gax.rpc.NotFoundException");
      assertThat(secretManager.backendAuthorizations())
          .containsExactly("Bearer " + values.get("openai-key"));
      survived(result);
    }
  }

  @Test
  void kubernetesClientJava() throws Exception {
    Path tokenFile = Files.createTempDirectory("serviceaccount").resolve("token");
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeKubernetes kubernetes = FakeKubernetes.start(tokenFile)) {
      ForkedApp.Result result =
          ForkedApp.withCustody(receiver)
              .withFaults()
              .property("app.token.file", tokenFile.toString())
              .property("app.kubernetes.url", kubernetes.url(""))
              .runTestApp("kubernetes-client-java");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "LISTED 1: 0 pods",
              "LISTED 2: 0 pods",
              "FAILED missing: io.kubernetes.client.util.exception.TokenAquisitionException");
      survived(result);
    }
  }

  @Test
  void kubernetesFabric8() throws Exception {
    Path pod = Files.createTempDirectory("pod");
    SelfSignedTls tls = SelfSignedTls.create(pod);
    Path tokenFile = pod.resolve("token");
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeKubernetes kubernetes = FakeKubernetes.start(tokenFile, tls)) {
      ForkedApp.Result result =
          KubernetesFabric8IT.app(
                  ForkedApp.withCustody(receiver).withFaults(), kubernetes, tokenFile, tls)
              .runTestApp("kubernetes-fabric8");
      assertThat(result.stdout()).as(result.stderr()).contains("LISTED 0 pods");
      survived(result);
    }
  }

  @Test
  void spiffe() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeWorkloadApi workloadApi = FakeWorkloadApi.start(Files.createTempDirectory("spiffe"));
        ScriptedOpenAiServer model = SpiffeIT.opsModel()) {
      ForkedApp.Result result =
          SpiffeIT.app(ForkedApp.withCustody(receiver).withFaults(), workloadApi, model)
              .runTestApp("java-spiffe");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "X509 ",
              "ROTATED serial ",
              "ANSWER agent: Nothing stuck.",
              "FAILED payments: io.spiffe.exception.JwtSvidException");
      survived(result);
    }
  }

  @Test
  void policyEnginesOpaCedarAndVerifiedPermissions() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = PolicyDecisionsIT.model();
        ScriptedOpaServer opa = PolicyDecisionsIT.opa();
        ScriptedVerifiedPermissionsServer avp =
            ScriptedVerifiedPermissionsServer.start().permit("alice")) {
      ForkedApp.Result result =
          PolicyDecisionsIT.app(
                  ForkedApp.withCustody(receiver).withFaults(), model, opa, avp, "identity-token")
              .runTestApp("policy-engines");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains("ANSWER: " + PolicyDecisionsIT.ANSWER);
      survived(result);
    }
  }

  /**
   * The app exited as usual, no fault of ours shows in its output, and the fault agent did throw.
   */
  private static void survived(ForkedApp.Result result) {
    String output = result.stdout() + result.stderr();
    assertThat(output)
        .as("a fault of ours reached the app or its libraries:%n%s", output)
        .doesNotContain(InjectedFaults.FAULT_MESSAGE);
    InjectedFaults faults = InjectedFaults.of(result);
    assertThat(faults.thrown())
        .as("the fault agent threw nothing: the test would prove nothing")
        .isPositive();
    System.out.println(faults);
  }
}
