package dev.custody.instrumentation.opa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.CustodySettings;
import dev.custody.instrumentation.opa.OpaRequest.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpaRequestTest {

  private static final String INPUT = "{\"input\":{\"user\":\"alice\"}}";

  @AfterEach
  void unpublish() {
    CustodySettings.publish(Map.of());
  }

  @Test
  void withoutEndpointsTheBodyMustBeOpasToo() {
    assertThat(recognise("POST", "http://opa:8181/v1/data/authz/allow", INPUT))
        .isEqualTo(new OpaRequest(Kind.DATA, "authz/allow", INPUT));
    assertThat(recognise("POST", "http://search/v1/data/items", "{\"q\":\"shoes\"}")).isNull();
    assertThat(
            recognise(
                "GET",
                "http://opa:8181/v1/data/authz/allow?input=%7B%22user%22%3A%22bob%22%7D",
                null))
        .as("a GET's input is its query parameter")
        .isEqualTo(new OpaRequest(Kind.DATA, "authz/allow", "{\"user\":\"bob\"}"));
    assertThat(recognise("GET", "http://search/v1/data/items?q=shoes", null)).isNull();
    assertThat(
            recognise("POST", "http://opa:8181/v1/query", "{\"query\":\"x = data.authz.allow\"}"))
        .isEqualTo(
            new OpaRequest(
                Kind.QUERY, "x = data.authz.allow", "{\"query\":\"x = data.authz.allow\"}"));
    assertThat(
            recognise(
                "POST", "http://eopa:8181/v1/batch/data/authz/allow", "{\"inputs\":{\"a\":{}}}"))
        .isEqualTo(new OpaRequest(Kind.BATCH, "authz/allow", "{\"inputs\":{\"a\":{}}}"));
    assertThat(recognise("POST", "http://opa:8181/", INPUT))
        .as("the default decision needs an endpoint")
        .isNull();
    assertThat(recognise("POST", "http://api.openai.com/v1/chat/completions", INPUT)).isNull();
  }

  @Test
  void aDecisionIsNamedByItsDocumentPathAndAQueryByItsKindOnly() {
    assertThat(new OpaRequest(Kind.DATA, "httpapi/authz/allow", INPUT).nameTarget())
        .isEqualTo("httpapi/authz/allow");
    assertThat(new OpaRequest(Kind.QUERY, "x = data.authz.allow", INPUT).nameTarget())
        .isEqualTo("query");
  }

  @Test
  void underAConfiguredEndpointThePathDecides() {
    CustodySettings.publish(
        Map.of("custody.policy.opa.endpoints", "http://opa:8181, https://gw.internal/opa/"));

    assertThat(recognise("GET", "http://opa:8181/v1/data/authz/allow?pretty&input=%7B%7D", null))
        .isEqualTo(new OpaRequest(Kind.DATA, "authz/allow", "{}"));
    assertThat(recognise("GET", "http://opa:8181/v1/data/authz/allow", null))
        .isEqualTo(new OpaRequest(Kind.DATA, "authz/allow", null));
    assertThat(
            recognise(
                "POST", "https://gw.internal/opa/v0/data/authz/allow", "{\"user\":\"alice\"}"))
        .isEqualTo(new OpaRequest(Kind.DOCUMENT, "authz/allow", "{\"user\":\"alice\"}"));
    assertThat(recognise("POST", "http://opa:8181/", INPUT))
        .isEqualTo(new OpaRequest(Kind.DOCUMENT, null, INPUT));
    assertThat(recognise("GET", "http://opa:8181/health", null)).isNull();
    assertThat(recognise("POST", "http://other:8181/v1/data/authz/allow", INPUT)).isNull();
    assertThat(recognise("POST", "http://opa:81810/v1/data/authz/allow", INPUT)).isNull();
  }

  private static OpaRequest recognise(String method, String url, String body) {
    return OpaRequest.recognise(
        method, URI.create(url), () -> body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }
}
