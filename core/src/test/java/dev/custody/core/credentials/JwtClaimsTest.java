package dev.custody.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

  @Test
  void readsTheTopLevelStringAndTimeClaimsOfAServiceAccountToken() {
    JwtClaims claims =
        JwtClaims.of(
            jwt(
                """
                {"aud":["https://kubernetes.default.svc"],"exp":1795000000,"iat":1794996400,
                 "iss":"https://kubernetes.default.svc","jti":"5c1e0b7a-\\u00e9",
                 "kubernetes.io":{"namespace":"agents","pod":{"name":"agent-7d9","uid":"1f2e"},"sub":"nested"},
                 "nbf":1794996400.5,"sub":"system:serviceaccount:agents:agent","admin":false}
                """));

    assertThat(claims.string("sub")).isEqualTo("system:serviceaccount:agents:agent");
    assertThat(claims.string("jti")).isEqualTo("5c1e0b7a-\u00e9");
    assertThat(claims.time("iat")).isEqualTo(Instant.ofEpochSecond(1794996400));
    assertThat(claims.time("exp")).isEqualTo(Instant.ofEpochSecond(1795000000));
    assertThat(claims.time("nbf")).isEqualTo(Instant.ofEpochSecond(1794996400));
    assertThat(claims.string("aud")).isNull();
    assertThat(claims.string("admin")).isNull();
    assertThat(claims.time("sub")).isNull();
  }

  @Test
  void aTimeBeyondWhatAnInstantHoldsIsNoTime() {
    JwtClaims claims =
        JwtClaims.of(jwt("{\"sub\":\"agent\",\"exp\":1e300,\"iat\":9223372036854775807}"));

    assertThat(claims.time("exp")).isNull();
    assertThat(claims.time("iat")).isNull();
    assertThat(claims.string("sub")).isEqualTo("agent");
  }

  @Test
  void objectClaimsReadAsClaimsOfTheirOwn() {
    JwtClaims claims =
        JwtClaims.of(
            jwt(
                "{\"sub\":\"alice\",\"act\":{\"sub\":\"agent-svc\",\"act\":{\"sub\":\"gateway\"}}}"));

    assertThat(claims.object("act").string("sub")).isEqualTo("agent-svc");
    assertThat(claims.object("act").object("act").string("sub")).isEqualTo("gateway");
    assertThat(claims.object("act").object("act").object("act").string("sub")).isNull();
    assertThat(claims.object("sub").string("sub")).as("not an object").isNull();
  }

  @Test
  void anythingElseIsNoJwt() {
    assertThat(JwtClaims.of(null)).isNull();
    assertThat(JwtClaims.of("opaque-token")).isNull();
    assertThat(JwtClaims.of("a.b")).isNull();
    assertThat(JwtClaims.of("e30.%%%.sig")).isNull();
    assertThat(JwtClaims.of(jwt("[1,2]"))).isNull();
    assertThat(JwtClaims.of(jwt("{\"sub\":\"unterminated"))).isNull();
    assertThat(JwtClaims.of(jwt("{}")).string("sub")).isNull();
    assertThat(JwtClaims.of(jwt("{\"pad\":\"" + "x".repeat(JwtClaims.MAX_LENGTH) + "\"}")))
        .as("too long")
        .isNull();
  }

  private static String jwt(String payload) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }
}
