package dev.custody.extension.credentials;

import static dev.custody.core.CustodyAttributes.CREDENTIAL_USED;

import dev.custody.bootstrap.CredentialLedger;
import dev.custody.extension.CustodyCapture;
import dev.custody.extension.OnStartSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Names, on every outbound call of every stock HTTP and gRPC client instrumentation, the credential
 * that authorised it ({@code custody.credential.used}): the one whose value the call presents as a
 * bearer token, in basic auth, in an API-key header or in the query string. Runs when the span
 * starts, where the agent has captured those headers.
 */
public final class CredentialUseSpanProcessor extends OnStartSpanProcessor {

  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

  private final List<AttributeKey<List<String>>> headerKeys;

  public CredentialUseSpanProcessor() {
    headerKeys =
        CredentialHeaders.HTTP_HEADERS.stream().map(CustodyCapture::httpRequestHeader).toList();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (span.getKind() != SpanKind.CLIENT || !CredentialLedger.hasValues()) {
      return;
    }
    String used = credentialUsed(span);
    if (used != null) {
      span.setAttribute(CREDENTIAL_USED, used);
    }
  }

  private String credentialUsed(ReadableSpan span) {
    for (AttributeKey<List<String>> key : headerKeys) {
      String used = fromHeaderValues(span.getAttribute(key));
      if (used != null) {
        return used;
      }
    }
    for (String metadata : CredentialHeaders.GRPC_METADATA) {
      for (AttributeKey<List<String>> key : CredentialHeaders.grpcMetadataKeys(metadata)) {
        String used = fromHeaderValues(span.getAttribute(key));
        if (used != null) {
          return used;
        }
      }
    }
    return fromQuery(span.getAttribute(URL_FULL));
  }

  private static String fromHeaderValues(List<String> values) {
    if (values == null) {
      return null;
    }
    for (String value : values) {
      String used = fromHeaderValue(value.trim());
      if (used != null) {
        return used;
      }
    }
    return null;
  }

  /**
   * A header value as sent, or the credentials behind its {@code Bearer} or {@code Basic} scheme.
   */
  static String fromHeaderValue(String value) {
    String used = CredentialLedger.credentialOf(value);
    if (used != null) {
      return used;
    }
    int space = value.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = value.substring(0, space);
    String credentials = value.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("basic")) {
      return fromBasic(credentials);
    }
    return CredentialLedger.credentialOf(credentials);
  }

  private static String fromBasic(String encoded) {
    String userAndPassword;
    try {
      userAndPassword = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    String used = CredentialLedger.credentialOf(userAndPassword);
    int colon = userAndPassword.indexOf(':');
    return used != null || colon < 0
        ? used
        : CredentialLedger.credentialOf(userAndPassword.substring(colon + 1));
  }

  static String fromQuery(String url) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    int fragment = url.indexOf('#', query);
    String parameters = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
    for (String parameter : parameters.split("&")) {
      int equals = parameter.indexOf('=');
      if (equals > 0) {
        String used = CredentialLedger.credentialOf(decode(parameter.substring(equals + 1)));
        if (used != null) {
          return used;
        }
      }
    }
    return null;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }
}
