package dev.custody.instrumentation.spiffe;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_AUDIENCE;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_SERIAL;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID_SOURCE;

import dev.custody.core.AgentInternals;
import dev.custody.core.RunningOperation;
import dev.custody.core.cases.CaseRecords;
import dev.custody.core.credentials.CredentialAttributes;
import dev.custody.core.credentials.CredentialFacts;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import dev.custody.core.credentials.WorkloadIdentities;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.spiffe.spiffeid.SpiffeId;
import io.spiffe.svid.jwtsvid.JwtSvid;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.DefaultX509Source;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * SVIDs from the SPIFFE Workload API, each a credential whose id is its SPIFFE ID. Building an
 * X.509 source is a {@code fetch spiffe} span while the caller waits for the first SVID; each later
 * SVID the source applies in the background (a rotation) is a {@code refresh spiffe} span of its
 * own, with no parent, linked to that fetch and counted for the case that built the source. Each
 * JWT-SVID fetch is a {@code fetch spiffe} span around the Workload API call, with the audience
 * asked for and the token's {@code jti}; the token goes to the scrubber and is linked, so a call
 * that presents it names the SVID. An X.509-SVID's private key never leaves the source. The
 * X.509-SVID a source obtains, and each it rotates to, is the workload's identity from then on
 * (unless one is configured): a rotation of it is also the event {@code custody.workload.rotated}
 * on the {@code refresh spiffe} span.
 */
public final class SpiffeSvids {

  static final String PROVIDER = "spiffe";

  private static final CredentialSpans SPANS = new CredentialSpans("dev.custody.spiffe");

  /**
   * The X.509 sources built so far, with where they were built and the SVID last recorded for each.
   */
  private static final AgentInternals.Cache<Object, Rotation> SOURCES = AgentInternals.weakCache();

  private SpiffeSvids() {}

  /** An X.509 source being built: the fetch of its first SVID, and where it is built. */
  public record SourceFetch(
      RunningOperation<CredentialOperation, Obtained> fetch, Rotation rotation) {}

  /**
   * What the rotations of one X.509 source record against: its first fetch, its case, its last
   * SVID's serial.
   */
  public static final class Rotation {
    private final SpanContext firstFetch;
    private final Context caseContext;
    private volatile String serial;

    private Rotation(SpanContext firstFetch, Context caseContext) {
      this.firstFetch = firstFetch;
      this.caseContext = caseContext;
    }
  }

  /** Before {@code DefaultX509Source.newSource}: the fetch span, current while the caller waits. */
  public static SourceFetch sourceRequested() {
    Context caseContext = Context.current();
    RunningOperation<CredentialOperation, Obtained> fetch =
        RunningOperation.start(SPANS, CredentialOperation.fetch(PROVIDER, null));
    // the fetch is current now: rotations link to it
    return new SourceFetch(fetch, new Rotation(Span.current().getSpanContext(), caseContext));
  }

  /** After {@code newSource} returned the source, or threw what the caller gets. */
  public static void sourceReturned(SourceFetch started, Object source, Throwable error) {
    if (started == null) {
      return;
    }
    CredentialSpans.Obtained obtained = null;
    if (source instanceof DefaultX509Source x509Source) {
      SOURCES.put(source, started.rotation());
      try {
        X509Svid svid = x509Source.getX509Svid();
        started.rotation().serial = serial(svid);
        WorkloadIdentities.svidObtained(workloadIdentity(svid));
        obtained = x509(svid);
      } catch (IllegalStateException noSvid) {
        // the Workload API answered with an error: the source holds nothing
        error = error != null ? error : noSvid;
      }
    }
    if (started.fetch() != null) {
      started.fetch().returned(obtained, error);
    }
  }

  /**
   * After a source applied an X.509 context: a rotation when the SVID changed and the source is
   * already built.
   */
  public static void rotated(Object source, Throwable error) {
    Rotation rotation = SOURCES.get(source);
    if (rotation == null || error != null || !(source instanceof DefaultX509Source x509Source)) {
      return;
    }
    X509Svid svid = x509Source.getX509Svid();
    String serial = serial(svid);
    if (serial.equals(rotation.serial)) {
      return;
    }
    rotation.serial = serial;
    CredentialOperation refresh =
        CredentialOperation.refresh(PROVIDER, svid.getSpiffeId().toString());
    Context context = SPANS.start(Context.root(), refresh);
    Span refreshSpan = context == null ? Span.getInvalid() : Span.fromContext(context);
    WorkloadIdentities.svidRotated(refreshSpan, workloadIdentity(svid));
    if (context == null) {
      return;
    }
    if (rotation.firstFetch.isValid()) {
      Span.fromContext(context).addLink(rotation.firstFetch);
    }
    // Recorded for the case that built the source; the span itself stays in no case.
    SPANS.end(CaseRecords.forCaseOf(context, rotation.caseContext), refresh, x509(svid), null);
  }

  /**
   * Before a JWT-SVID fetch ({@code audience, extraAudiences...}, optionally after the subject
   * SPIFFE ID): the fetch span, current during the Workload API call, with the audience asked for.
   */
  public static RunningOperation<CredentialOperation, Obtained> jwtRequested(Object[] arguments) {
    int first = arguments.length > 0 && arguments[0] instanceof SpiffeId ? 1 : 0;
    String subject = first == 1 ? arguments[0].toString() : null;
    List<String> audience = new ArrayList<>();
    if (arguments.length > first && arguments[first] instanceof String aud) {
      audience.add(aud);
    }
    if (arguments.length > first + 1 && arguments[first + 1] instanceof String[] extra) {
      audience.addAll(List.of(extra));
    }
    RunningOperation<CredentialOperation, Obtained> fetch =
        RunningOperation.start(SPANS, CredentialOperation.fetch(PROVIDER, subject));
    if (fetch != null) {
      Span.current().setAttribute(CREDENTIAL_AUDIENCE, audience);
    }
    return fetch;
  }

  /** After a JWT-SVID fetch returned one SVID or a list, or threw what the caller gets. */
  public static void jwtReturned(
      RunningOperation<CredentialOperation, Obtained> fetch, Object svids, Throwable error) {
    if (fetch == null) {
      return;
    }
    List<?> all = svids instanceof List<?> list ? list : svids == null ? List.of() : List.of(svids);
    fetch.returned(all.isEmpty() ? null : jwt(all.get(0)), error);
    // a workload with several identities gets one SVID each: a fetch span for each further one
    Instant now = Instant.now();
    for (Object svid : all.subList(Math.min(1, all.size()), all.size())) {
      SPANS.record(
          Context.current(), CredentialOperation.fetch(PROVIDER, null), jwt(svid), null, now, now);
    }
  }

  private static CredentialSpans.Obtained x509(X509Svid svid) {
    X509Certificate leaf = svid.getLeaf();
    Instant expiry = leaf.getNotAfter().toInstant();
    CredentialFacts facts =
        CredentialFacts.builder(PROVIDER, "svid", svid.getSpiffeId().toString())
            .version(serial(svid))
            .issuedAt(leaf.getNotBefore().toInstant())
            .expiresAt(expiry)
            .ttlSeconds(ttl(expiry))
            .build();
    return CredentialSpans.Obtained.of(facts, List.of());
  }

  /** The SVID as the workload's identity: its SPIFFE ID, proven by this certificate. */
  private static Map<String, Object> workloadIdentity(X509Svid svid) {
    String expiry = CredentialAttributes.rfc3339(svid.getLeaf().getNotAfter().toInstant());
    return Map.of(
        WORKLOAD_ID.getKey(),
        svid.getSpiffeId().toString(),
        WORKLOAD_ID_SOURCE.getKey(),
        PROVIDER,
        WORKLOAD_CREDENTIAL_EXPIRES_AT.getKey(),
        expiry,
        WORKLOAD_CREDENTIAL_SERIAL.getKey(),
        serial(svid));
  }

  private static CredentialSpans.Obtained jwt(Object returned) {
    JwtSvid svid = (JwtSvid) returned;
    CredentialFacts.Builder facts =
        CredentialFacts.builder(PROVIDER, "svid", svid.getSpiffeId().toString())
            .issuedAt(instant(svid.getIssuedAt()))
            .jti(svid.getClaims().get("jti") instanceof String jti ? jti : null);
    Instant expiry = instant(svid.getExpiry());
    if (expiry != null) {
      facts.expiresAt(expiry).ttlSeconds(ttl(expiry));
    }
    return CredentialSpans.Obtained.of(facts.build(), List.of(svid.getToken()));
  }

  /**
   * The leaf certificate's serial number in hex: what tells one X.509-SVID of an identity from the
   * next.
   */
  private static String serial(X509Svid svid) {
    return svid.getLeaf().getSerialNumber().toString(16);
  }

  private static long ttl(Instant expiry) {
    return Math.max(0, Duration.between(Instant.now(), expiry).toSeconds());
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
