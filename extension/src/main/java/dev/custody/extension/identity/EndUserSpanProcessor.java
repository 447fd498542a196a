package dev.custody.extension.identity;

import static dev.custody.core.CustodyAttributes.ENDUSER_ACTOR;
import static dev.custody.core.CustodyAttributes.ENDUSER_CLIENT_ID;
import static dev.custody.core.CustodyAttributes.ENDUSER_ID;
import static dev.custody.core.CustodyAttributes.ENDUSER_ISSUER;
import static dev.custody.core.CustodyAttributes.ENDUSER_SOURCE;
import static dev.custody.core.CustodyAttributes.USER_ID;

import dev.custody.core.config.CustodyConfig;
import dev.custody.extension.CustodyCapture;
import dev.custody.extension.OnStartSpanProcessor;
import dev.custody.extension.cases.CaseRoots;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * The end user of every inbound request, on its SERVER span and on each case root the request
 * starts or carries, on whatever thread that runs. Works for every server the agent instruments
 * (servlet containers, JDK HttpServer, Netty, WebFlux...): it has the agent capture the {@code
 * Authorization} header (and the configured end-user header), which the agent records when the
 * SERVER span starts; the exporter drops them (see {@link CustodyCapture}). A case root finds its
 * request's SERVER span as the local root of its context, so nothing is kept between the two.
 */
public final class EndUserSpanProcessor extends OnStartSpanProcessor {

  static final String SERVER_CAPTURE = "otel.instrumentation.http.server.capture-request-headers";

  private static final AttributeKey<List<String>> AUTHORIZATION =
      CustodyCapture.httpRequestHeader("authorization");

  /** What a case root copies from its request's SERVER span. */
  private static final List<AttributeKey<?>> CARRIED =
      List.of(
          ENDUSER_ID, USER_ID, ENDUSER_ISSUER, ENDUSER_CLIENT_ID, ENDUSER_ACTOR, ENDUSER_SOURCE);

  private final AttributeKey<List<String>> endUserHeader;
  private final String idClaim;

  public EndUserSpanProcessor(CustodyConfig config) {
    endUserHeader =
        config.endUserHeader() == null
            ? null
            : CustodyCapture.httpRequestHeader(config.endUserHeader());
    idClaim = config.endUserClaim();
  }

  /** Has the agent capture, on SERVER spans, the headers an end user is read from. */
  public static void captureOn(CustodyCapture capture, CustodyConfig config) {
    List<String> headers = new ArrayList<>(List.of("authorization"));
    if (config.endUserHeader() != null) {
      headers.add(config.endUserHeader());
    }
    capture.add(
        SpanKind.SERVER,
        List.of(SERVER_CAPTURE),
        headers,
        header -> List.of(CustodyCapture.httpRequestHeader(header)));
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (span.getKind() == SpanKind.SERVER) {
      EndUser endUser =
          EndUser.of(
              endUserHeader == null ? null : span.getAttribute(endUserHeader),
              span.getAttribute(AUTHORIZATION),
              idClaim);
      if (endUser != null) {
        span.setAllAttributes(endUser.attributes());
      }
    } else if (CaseRoots.isCaseRoot(span)) {
      Span request = LocalRootSpan.fromContextOrNull(parentContext);
      if (request instanceof ReadableSpan readable) {
        CARRIED.forEach(key -> copy(key, readable, span));
      }
    }
  }

  private static <T> void copy(AttributeKey<T> key, ReadableSpan from, ReadWriteSpan to) {
    T value = from.getAttribute(key);
    if (value != null) {
      to.setAttribute(key, value);
    }
  }
}
