package dev.custody.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.it.harness.Canaries;
import dev.custody.it.harness.FakeSecretManager;
import dev.custody.it.harness.FakeWorkloadApi;
import dev.custody.it.harness.ForkedApp;
import dev.custody.it.harness.InjectedFaults;
import dev.custody.it.harness.KafkaBroker;
import dev.custody.it.harness.OrderDesk;
import dev.custody.it.harness.OtlpReceiver;
import dev.custody.it.harness.QueueHandoff;
import dev.custody.it.harness.SpringAiDesk;
import dev.custody.it.harness.SupportDesk;
import dev.custody.it.harness.TravelDesk;
import dev.custody.it.harness.VaultDesk;
import dev.custody.testing.FakeAzure;
import dev.custody.testing.FakeKubernetes;
import dev.custody.testing.ScriptedAnthropicServer;
import dev.custody.testing.ScriptedAwsServer;
import dev.custody.testing.ScriptedOpaServer;
import dev.custody.testing.ScriptedOpenAiServer;
import dev.custody.testing.ScriptedVerifiedPermissionsServer;
import dev.custody.testing.SelfSignedTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing of ours may throw into the application. The test apps of the other ITs run once each with
 * the fault agent beside Custody's: every method and constructor of Custody's code in the app's
 * class loaders, and of the extension, fails wherever its caller would see it, entered from advice
 * or inside what a library calls back (see the fault agent). Each app must still exit as usual with
 * the answers its IT expects, no fault may show in its output, and the agent must have thrown in
 * each instrumentation the app exercises (else the test proves nothing there).
 *
 * <p>One app per library and per code path of ours: where two test apps go through the same helpers
 * (vault-java-driver 5 and 6, Spring Vault 3 and 4, openai-java 1 and 4, Tomcat 9 and 11), only the
 * newest runs here. The tests run side by side (their apps wait more than they compute); the class
 * runs alone, as every IT does.
 */
class InjectedFaultsIT {

  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @ValueSource(strings = {"langchain4j-1.0", "langchain4j-1.19"})
  void langChain4j(String module) throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      survived(desk.run(desk.app().withFaults(), module, "sync", "streaming"), "langchain4j");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void langGraph4j() throws Exception {
    try (SupportDesk desk = SupportDesk.open()) {
      survived(
          desk.run(desk.app().withFaults(), "langgraph4j-1.8.17", "approve", "change"),
          "langgraph4j",
          "langchain4j");
    }
  }

  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @CsvSource({"spring-ai-1.1, plain", "spring-ai-2.0, observed"})
  void springAi(String module, String task) throws Exception {
    try (SpringAiDesk desk = SpringAiDesk.open()) {
      survived(desk.run(desk.app().withFaults(), module, task), "springai");
    }
  }

  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @ValueSource(strings = {"1.1", "2.1"})
  void mcpSdkClientAndServer(String version) throws Exception {
    try (McpToolCallIT.ToolWorld world = new McpToolCallIT.ToolWorld(true)) {
      world.callTools(version, Map.of(), Map.of());
      McpToolCallIT.assertAnswered(world);
      survived(world.runs.get(0), "mcp");
      stopped(world.runs.get(1), "mcp");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void langChain4jMcp() throws Exception {
    try (McpToolCallIT.ToolWorld world = new McpToolCallIT.ToolWorld(true)) {
      world.askAgent(Map.of(), Map.of());
      assertThat(world.answer).contains("ANSWER: " + McpToolCallIT.ANSWER);
      survived(world.runs.get(0), "langchain4jmcp");
      stopped(world.runs.get(1), "mcp");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void openAiJava() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = OpenAiToolLoopIT.scriptedModel()) {
      ForkedApp.Result result =
          OpenAiToolLoopIT.runTasks(ForkedApp.withCustody(receiver).withFaults(), model, "sk-x");
      assertThat(result.stdout())
          .contains(
              "ANSWER blocking: " + OpenAiToolLoopIT.ANSWER,
              "FAILED strict: dev.custody.testapps.openai.WeatherTools$ToolFailure",
              "FAILED unreachable: com.openai.errors.NotFoundException",
              "ANSWER async: " + OpenAiToolLoopIT.ANSWER,
              "ANSWER streamed: " + OpenAiToolLoopIT.ANSWER);
      survived(result, "openai", "extension.identity");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void anthropicJava3() throws Exception {
    anthropic(
        "anthropic-java-3",
        "blocking=" + AnthropicToolLoopIT.BLOCKING,
        "runner=" + AnthropicToolLoopIT.RUNNER,
        "async=" + AnthropicToolLoopIT.ASYNC);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
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
      survived(result, "anthropic");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void embabel() throws Exception {
    Canaries canaries = new Canaries();
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = EmbabelIT.model(canaries)) {
      ForkedApp.Result result =
          EmbabelIT.app(canaries, receiver, model).withFaults().runTestApp("embabel-0.5");
      assertThat(result.stdout()).contains("ANSWER: " + EmbabelIT.ANSWER);
      survived(result, "embabel");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void googleAdk() throws Exception {
    try (TravelDesk desk = TravelDesk.open()) {
      survived(desk.run(desk.app().withFaults(), GoogleAdkIT.REQUEST), "googleadk");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void quarkusLangChain4j() throws Exception {
    Canaries canaries = new Canaries();
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = QuarkusLangChain4jIT.model(canaries)) {
      int port = QuarkusLangChain4jIT.freePort();
      ForkedApp.Running app =
          QuarkusLangChain4jIT.start(
              canaries.plantIn(ForkedApp.withCustody(receiver)).withFaults(), model, port);
      String answer;
      try {
        answer =
            QuarkusLangChain4jIT.askAs(port, QuarkusLangChain4jIT.tokenOf("alice@example.com"));
      } finally {
        stopped(app.stop(), "quarkuslangchain4j", "langchain4j");
      }
      assertThat(answer).isEqualTo(QuarkusLangChain4jIT.ANSWER);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void awsSdk2() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        ScriptedOpenAiServer model = AwsSdkCredentialsIT.model();
        ScriptedAwsServer aws =
            AwsSdkCredentialsIT.aws("orders-password", "inventory-token", "reports-secret")) {
      ForkedApp.Result result =
          AwsSdkCredentialsIT.app(ForkedApp.withCustody(receiver).withFaults(), model, aws)
              .runTestApp("aws-sdk-2");
      assertThat(result.stdout()).as(result.stderr()).contains(AwsSdkCredentialsIT.ANSWER_LINES);
      survived(result, "awssdk");
    }
  }

  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @CsvSource({"vault-java-driver-6, vault", "spring-vault-4, springvault"})
  void vaultDesk(String module, String area) throws Exception {
    try (VaultDesk desk = VaultDesk.open()) {
      survived(desk.run(desk.app().withFaults(), module), area);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void azureKeyVaultAndIdentity() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(Files.createTempDirectory("azure-tls"));
    Map<String, String> values = AzureKeyVaultIT.secretValues();
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeAzure azure = AzureKeyVaultIT.fakeAzure(tls, "client-secret", values, expiry, expiry);
        ScriptedOpenAiServer model = SpiffeIT.opsModel()) {
      ForkedApp.Result result =
          AzureKeyVaultIT.app(
                  ForkedApp.withCustody(receiver).withFaults(), tls, azure, model, "client-secret")
              .runTestApp("azure-keyvault-4");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "SECRET sync db-password: " + azure.secretId("db-password"),
              "FAILED missing: com.azure.core.exception.ResourceNotFoundException",
              "FAILED denied: java.lang.RuntimeException",
              "ANSWER agent: Nothing stuck.");
      survived(result, "azure");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void gcpSecretManager() throws Exception {
    Map<String, String> values = GcpSecretManagerIT.secretValues();
    Instant expiry = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeSecretManager secretManager =
            GcpSecretManagerIT.secretManager(values, expiry, expiry)) {
      ForkedApp.Result result =
          GcpSecretManagerIT.app(ForkedApp.withCustody(receiver).withFaults(), secretManager)
              .runTestApp("gcp-secretmanager-2");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains("SECRET projects/", "FAILED missing: com.google.api.gax.rpc.NotFoundException");
      assertThat(secretManager.backendAuthorizations())
          .containsExactly("Bearer " + values.get("openai-key"));
      survived(result, "gcp");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void kubernetesClientJava() throws Exception {
    Path tokenFile = Files.createTempDirectory("serviceaccount").resolve("token");
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeKubernetes kubernetes = FakeKubernetes.start(tokenFile)) {
      ForkedApp.Result result =
          ForkedApp.withCustody(receiver)
              .withFaults()
              .property("app.token.file", tokenFile.toString())
              .property("app.kubernetes.url", kubernetes.url(""))
              .runTestApp("kubernetes-client-java-27");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "LISTED 1: 0 pods",
              "LISTED 2: 0 pods",
              "FAILED missing: io.kubernetes.client.util.exception.TokenAquisitionException");
      survived(result, "kubernetes");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void kubernetesFabric8() throws Exception {
    Path pod = Files.createTempDirectory("pod");
    SelfSignedTls tls = SelfSignedTls.create(pod);
    Path tokenFile = pod.resolve("token");
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeKubernetes kubernetes = FakeKubernetes.start(tokenFile, tls)) {
      ForkedApp.Result result =
          KubernetesFabric8IT.app(
                  ForkedApp.withCustody(receiver).withFaults(), kubernetes, tokenFile, tls)
              .runTestApp("kubernetes-fabric8-8");
      assertThat(result.stdout()).as(result.stderr()).contains("LISTED 0 pods");
      survived(result, "kubernetes");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void spiffe() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        FakeWorkloadApi workloadApi = FakeWorkloadApi.start(Files.createTempDirectory("spiffe"));
        ScriptedOpenAiServer model = SpiffeIT.opsModel()) {
      ForkedApp.Result result =
          SpiffeIT.app(ForkedApp.withCustody(receiver).withFaults(), workloadApi, model)
              .runTestApp("java-spiffe-0.8");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains(
              "X509 ",
              "ROTATED serial ",
              "ANSWER agent: Nothing stuck.",
              "FAILED payments: io.spiffe.exception.JwtSvidException");
      survived(result, "spiffe");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
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
      survived(result, "opa", "cedar", "awssdk");
    }
  }

  /** A Spring Kafka batch listener takes the records of two dispatcher cases in one batch. */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void springKafkaBatchListener() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start();
        QueueHandoff handoff = new QueueHandoff()) {
      Map<String, String> topic = Map.of("it.kafka.bootstrap", kafka.bootstrapServers());
      handoff.dispatch("kafka-clients-4", topic, 2);
      ForkedApp.Result result = handoff.orderDesk(topic).withFaults().runTestApp("spring-kafka-4");
      assertThat(result.stdout())
          .as(result.stderr())
          .contains("BATCH 2", "ANSWER: " + OrderDesk.ANSWER);
      survived(result, "springkafka", "langchain4j");
    }
  }

  /** The dispatcher's tool hands A-17 to the order desk over A2A; both sides run with faults. */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void a2aHandoff() throws Exception {
    try (QueueHandoff handoff = new QueueHandoff()) {
      ForkedApp.Running working =
          handoff.orderDesk(Map.of()).withFaults().args("work", "1").startTestApp("a2a-java-1.0");
      ForkedApp.Result dispatched =
          handoff
              .dispatcher(Map.of("it.agent.url", working.awaitLine("AGENT: ")))
              .withFaults()
              .runTestApp("a2a-java-1.0");
      assertThat(dispatched.stdout()).as(dispatched.stderr()).contains(QueueHandoff.DISPATCHED);
      survived(dispatched, "a2a", "langchain4j");
      ForkedApp.Result worked = working.waitForExit();
      assertThat(worked.stdout()).as(worked.stderr()).contains("ANSWER: " + OrderDesk.ANSWER);
      survived(worked, "a2a", "langchain4j");
    }
  }

  /**
   * The end user of each request, read as its SERVER span starts, on a servlet container and on
   * WebFlux (a JDK HttpServer's is {@link #openAiJava}'s): Alice asks, then somebody with no
   * credentials.
   */
  @ParameterizedTest
  @Execution(ExecutionMode.CONCURRENT)
  @ValueSource(strings = {"tomcat-11", "spring-webflux-6"})
  void endUser(String server) throws Exception {
    try (OrderDesk desk = OrderDesk.open()) {
      ForkedApp.Running running =
          desk.app().withFaults().property("it.serve.requests", "2").startTestApp(server);
      URI ask = URI.create("http://127.0.0.1:" + running.awaitLine("LISTENING ") + "/ask");
      assertThat(IdentityIT.askAs(ask, "Bearer " + IdentityIT.ALICE)).isEqualTo(OrderDesk.ANSWER);
      assertThat(IdentityIT.askAnonymously(ask)).isEqualTo(OrderDesk.ANSWER);
      survived(running.waitForExit(), "extension.identity", "langchain4j");
    }
  }

  /** The app exited as usual and no fault of ours reached it (see {@link #stopped}). */
  private static void survived(ForkedApp.Result result, String... areas) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    stopped(result, areas);
  }

  /**
   * No fault of ours shows in the output of an app the test stopped, and the fault agent threw in
   * each of these areas (an instrumentation's folder, {@code extension.identity}): else the test
   * would prove nothing there.
   */
  private static void stopped(ForkedApp.Result result, String... areas) {
    String output = result.stdout() + result.stderr();
    assertThat(output)
        .as("a fault of ours reached the app or its libraries:%n%s", output)
        .doesNotContain(InjectedFaults.FAULT_MESSAGE);
    InjectedFaults faults = InjectedFaults.of(result);
    System.out.println(faults);
    for (String area : areas) {
      assertThat(faults.byArea().getOrDefault(area, 0L))
          .as("faults thrown in %s", area)
          .isPositive();
    }
  }
}
