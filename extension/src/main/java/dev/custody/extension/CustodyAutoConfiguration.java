package dev.custody.extension;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.bootstrap.KnownSecrets;
import dev.custody.core.CustodyAttributes;
import dev.custody.core.config.CustodyConfig;
import dev.custody.core.content.ContentFamily;
import dev.custody.exporter.SdkInternals;
import dev.custody.exporter.integrity.EvidenceStream;
import dev.custody.exporter.integrity.IntegritySpanExporter;
import dev.custody.exporter.limits.OverwritesNotDropped;
import dev.custody.exporter.scrub.ResourceScrubber;
import dev.custody.exporter.scrub.ScrubbingLogRecordExporter;
import dev.custody.exporter.scrub.ScrubbingMetricReader;
import dev.custody.exporter.scrub.ScrubbingSpanExporter;
import dev.custody.extension.cases.CutChainSpanProcessor;
import dev.custody.extension.cases.RequestCaseSpanProcessor;
import dev.custody.extension.console.CaseTimelinePrinter;
import dev.custody.extension.credentials.CredentialHeaders;
import dev.custody.extension.credentials.CredentialUseSpanProcessor;
import dev.custody.extension.findings.CaseFindingsSpanProcessor;
import dev.custody.extension.identity.EndUserSpanProcessor;
import dev.custody.extension.identity.EscalationAnswerers;
import dev.custody.extension.identity.WorkloadIdentityService;
import dev.custody.extension.integrity.EvidenceStreams;
import dev.custody.extension.logs.CaseIdLogRecordProcessor;
import dev.custody.extension.metrics.CaseMetricsSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Wires Custody into the agent's SDK: publishes the {@code custody.*} settings to every class
 * loader, applies {@code custody.profile} to the instrumentations the agent installs, has the
 * bundled baggage span processor stamp {@code custody.case.id} on every span, keeps spans for OTLP
 * exporters in a durable buffer on disk until a backend took them ({@link DurableBuffer}), detects
 * the workload identity (on the resource and every case root), scrubs secrets from the process
 * command line on the resource and from every span on its way to any exporter, names the credential
 * each outbound call used and the end user of each inbound request (from request headers it has the
 * agent capture, which are never exported unless the user asked for them), records on each case
 * root the findings it saw in the case, counts cases, tool calls, decisions, credentials and
 * findings as metrics, adds the console case timeline, and makes contexts Custody leaves current
 * give way to the scopes around them ({@link YieldingContextStorage}).
 */
public final class CustodyAutoConfiguration implements AutoConfigurationCustomizerProvider {

  static final String COPY_FROM_BAGGAGE =
      "otel.java.experimental.span-attributes.copy-from-baggage.include";
  static final String PROPAGATORS = "otel.propagators";
  static final String SQS_MESSAGE_PROPAGATION =
      "otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging";

  /** Propagators that carry baggage, and so the case id, across process boundaries. */
  static final List<String> BAGGAGE_CARRIERS = List.of("baggage", "jaeger", "ottrace");

  private static final Logger logger = Logger.getLogger(CustodyAutoConfiguration.class.getName());

  /** The SDK's span attribute count limit when none is configured. */
  private static final int DEFAULT_ATTRIBUTE_COUNT_LIMIT = 128;

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    // Runs before the agent first reads the context storage, which is when wrappers are applied.
    ContextStorage.addWrapper(YieldingContextStorage::new);
    AtomicReference<Map<SpanKind, Set<AttributeKey<?>>>> capturedForCustodyOnly =
        new AtomicReference<>(Map.of());
    AtomicReference<EvidenceStream> evidence = new AtomicReference<>();
    customizer
        .addPropertiesCustomizer(CustodyAutoConfiguration::publishSettings)
        .addPropertiesCustomizer(config -> InstrumentationProfile.settings(config, logger::warning))
        .addPropertiesCustomizer(CustodyAutoConfiguration::copyCaseIdFromBaggage)
        .addPropertiesCustomizer(CustodyAutoConfiguration::carryBaggageInSqsMessages)
        .addPropertiesCustomizer(
            config -> {
              String warning = baggageWarning(config);
              if (warning != null) {
                logger.warning(warning);
              }
              return Map.of();
            })
        .addPropertiesCustomizer(
            config -> {
              CustodyCapture capture = new CustodyCapture(config);
              CredentialHeaders.captureOn(capture);
              EndUserSpanProcessor.captureOn(capture, CustodyConfig.current());
              capturedForCustodyOnly.set(capture.addedKeys());
              return capture.settings();
            })
        .addPropertiesCustomizer(
            config -> {
              evidence.set(EvidenceStreams.start(config, logger::info));
              return Map.of();
            })
        .addResourceCustomizer(MainClassServiceName::named)
        .addResourceCustomizer(
            (resource, config) ->
                ResourceScrubber.scrub(
                    WorkloadIdentityService.start(CustodyConfig.current()).describe(resource)))
        .addSpanExporterCustomizer(
            (exporter, config) -> {
              SpanExporter network = DurableBuffer.around(exporter, config, evidence.get(), logger);
              return new OverwritesNotDropped(
                  new ScrubbingSpanExporter(
                      evidence.get() == null
                          ? network
                          : new IntegritySpanExporter(network, evidence.get()),
                      capturedForCustodyOnly.get()),
                  config.getInt(
                      "otel.span.attribute.count.limit",
                      config.getInt("otel.attribute.count.limit", DEFAULT_ATTRIBUTE_COUNT_LIMIT)));
            })
        .addLogRecordExporterCustomizer(
            (exporter, config) ->
                new ScrubbingLogRecordExporter(exporter, anyKind(capturedForCustodyOnly.get())))
        .addLoggerProviderCustomizer(
            (builder, config) -> builder.addLogRecordProcessorFirst(new CaseIdLogRecordProcessor()))
        .addMetricReaderCustomizer(
            (reader, config) ->
                ScrubbingMetricReader.wrap(reader, anyKind(capturedForCustodyOnly.get())))
        .addTracerProviderCustomizer(
            (builder, config) -> {
              // Before the evidence: what it adds is part of the span's digest.
              builder.addSpanProcessor(SdkInternals.onEnding(EscalationAnswerers::ending));
              CaseFindingsSpanProcessor findings = new CaseFindingsSpanProcessor();
              builder.addSpanProcessor(new GuardedSpanProcessor(findings));
              builder.addSpanProcessor(SdkInternals.onEnding(findings::ending));
              if (evidence.get() != null) {
                builder.addSpanProcessor(SdkInternals.onEnding(evidence.get()::ending));
              }
              builder.addSpanProcessor(new GuardedSpanProcessor(new CredentialUseSpanProcessor()));
              builder.addSpanProcessor(
                  new GuardedSpanProcessor(new EndUserSpanProcessor(CustodyConfig.current())));
              builder.addSpanProcessor(new GuardedSpanProcessor(new RequestCaseSpanProcessor()));
              builder.addSpanProcessor(new GuardedSpanProcessor(new CutChainSpanProcessor()));
              if (CustodyConfig.current().console()) {
                builder.addSpanProcessor(
                    new GuardedSpanProcessor(new CaseTimelinePrinter(System.err)));
              }
              builder.addSpanProcessor(new GuardedSpanProcessor(CaseMetricsSpanProcessor.global()));
              return builder;
            });
  }

  private static Map<String, String> publishSettings(ConfigProperties config) {
    Map<String, String> raw = CustodySettingsReader.read(config);
    CustodyConfig parsed = CustodyConfig.parse(raw, logger::warning);
    CustodySettings.publish(raw);
    registerStaticSecrets(parsed);
    logger.info(
        "Custody "
            + CustodyDistribution.version()
            + " on OpenTelemetry Java agent "
            + CustodyDistribution.otelAgentVersion()
            + ": prompt capture "
            + parsed.mode(ContentFamily.PROMPT).settingValue()
            + ", tool capture "
            + parsed.mode(ContentFamily.TOOL).settingValue()
            + ".");
    return Map.of();
  }

  /**
   * Bounds the remembered secret values and registers those the process holds from the start
   * (environment, system properties, {@code custody.secrets.file}); a problem is logged, never
   * thrown into the agent's start.
   */
  @SuppressWarnings("unchecked")
  private static void registerStaticSecrets(CustodyConfig config) {
    try {
      KnownSecrets.maxBytes((long) config.secretsMaxMegabytes() << 20);
      Map<Object, Object> properties = (Map<Object, Object>) System.getProperties().clone();
      StaticSecrets.register(config, System.getenv(), properties, logger::warning);
    } catch (RuntimeException e) {
      logger.warning("Custody: could not register the secrets of the environment (" + e + ").");
    }
  }

  /**
   * Attributes captured for Custody only, on any kind of span: metrics and logs have no span kind.
   */
  private static Set<AttributeKey<?>> anyKind(Map<SpanKind, Set<AttributeKey<?>>> byKind) {
    Set<AttributeKey<?>> keys = new HashSet<>();
    byKind.values().forEach(keys::addAll);
    return Set.copyOf(keys);
  }

  /**
   * A warning when the configured propagators carry no baggage: the case id would stop at the
   * process boundary.
   */
  static String baggageWarning(ConfigProperties config) {
    List<String> propagators = config.getList(PROPAGATORS, List.of("tracecontext", "baggage"));
    if (propagators.stream().anyMatch(BAGGAGE_CARRIERS::contains)) {
      return null;
    }
    return "Custody: "
        + PROPAGATORS
        + "="
        + String.join(",", propagators)
        + " carries no baggage, so the case id ("
        + CustodyAttributes.CASE_ID_KEY
        + ") stops at this process: calls to other services and messages sent will"
        + " not join their case. Add baggage to "
        + PROPAGATORS
        + ".";
  }

  /**
   * Has the AWS SDK instrumentation write the configured propagators (baggage, so the case id) into
   * each SQS message's attributes, unless the user chose: over its X-Ray header alone the consumer
   * got the trace but not the baggage ({@code SqsHandoffIT}, against ElasticMQ).
   */
  static Map<String, String> carryBaggageInSqsMessages(ConfigProperties config) {
    return config.getString(SQS_MESSAGE_PROPAGATION) == null
        ? Map.of(SQS_MESSAGE_PROPAGATION, "true")
        : Map.of();
  }

  /**
   * Adds {@code custody.case.id} to the baggage keys copied onto spans, keeping any the user
   * listed.
   */
  static Map<String, String> copyCaseIdFromBaggage(ConfigProperties config) {
    List<String> keys = new ArrayList<>(config.getList(COPY_FROM_BAGGAGE));
    if (keys.contains(CustodyAttributes.CASE_ID_KEY) || keys.contains("*")) {
      return Map.of();
    }
    keys.add(CustodyAttributes.CASE_ID_KEY);
    return Map.of(COPY_FROM_BAGGAGE, String.join(",", keys));
  }
}
