package dev.custody.extension.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.credentials.JwtClaims;
import dev.custody.testing.FakeJwt;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndUserTest {

  private static final String DELEGATED =
      jwt(
          "{\"iss\":\"https://idp.example\",\"sub\":\"alice@example.com\",\"azp\":\"travel-web\","
              + "\"act\":{\"sub\":\"agent-svc\",\"act\":{\"sub\":\"gateway\"}},\"may_act\":{\"sub\":\"other\"},"
              + "\"exp\":4102444800}");

  @Test
  void aBearerJwtNamesItsSubjectIssuerClientAndDelegationChain() {
    EndUser user = EndUser.of(null, List.of("Bearer " + DELEGATED), "sub");

    assertThat(user)
        .isEqualTo(
            new EndUser(
                "alice@example.com",
                "https://idp.example",
                "travel-web",
                List.of("agent-svc", "gateway"),
                "jwt_unverified"));
  }

  @Test
  void theClientIdComesFromAzpElseClientIdAsRfc9068Says() {
    EndUser user =
        EndUser.of(
            null, List.of("bearer " + jwt("{\"sub\":\"bob\",\"client_id\":\"cli-42\"}")), "sub");

    assertThat(user.clientId()).isEqualTo("cli-42");
    assertThat(user.issuer()).isNull();
    assertThat(user.actors()).isEmpty();
  }

  @Test
  void aConfiguredClaimNamesTheUser() {
    EndUser user =
        EndUser.of(
            null,
            List.of("Bearer " + jwt("{\"sub\":\"00u1\",\"email\":\"carol@example.com\"}")),
            "email");

    assertThat(user.id()).isEqualTo("carol@example.com");
  }

  @Test
  void theConfiguredHeaderWinsOverTheToken() {
    EndUser user = EndUser.of(List.of(" dave "), List.of("Bearer " + DELEGATED), "sub");

    assertThat(user).isEqualTo(new EndUser("dave", null, null, List.of(), "header"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer 8f14e45fceea167a5a36dedd4bea2543", // opaque
        "Bearer eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn", // JWE: five segments
        "Bearer bm90LWpzb24.eyJzdWIiOiJhbGljZSJ9.c2ln", // the header is not JSON
        "Bearer eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJhbGljZSJ9.c2ln", // a header without alg
        "Bearer eyJhbGciOiJIUzI1NiJ9.WyJzdWIiXQ.c2ln", // the payload is an array
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9Cg.c2ln.", // four segments
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9!!.c2ln", // not base64url
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIH0.c2ln" // truncated JSON
      })
  void aTokenThatIsNoReadableJwtNamesNobody(String authorization) {
    assertThat(EndUser.of(null, List.of(authorization), "sub"))
        .isEqualTo(new EndUser(null, null, null, List.of(), "opaque"));
  }

  @Test
  void aTokenLongerThanTheCapIsNotRead() {
    String padding = "x".repeat(JwtClaims.MAX_LENGTH);
    String huge = jwt("{\"sub\":\"alice\",\"pad\":\"" + padding + "\"}");

    assertThat(EndUser.of(null, List.of("Bearer " + huge), "sub").source()).isEqualTo("opaque");
  }

  @Test
  void otherSchemesAndNoHeadersNameNobody() {
    String basic = Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));

    assertThat(EndUser.of(null, List.of("Basic " + basic), "sub")).isNull();
    assertThat(EndUser.of(null, null, "sub")).isNull();
    assertThat(EndUser.of(List.of(" "), List.of(), "sub")).isNull();
  }

  @Test
  void longValuesAndLongChainsAreCut() {
    StringBuilder chain = new StringBuilder("{\"sub\":\"" + "u".repeat(1000) + "\"");
    for (int i = 0; i < 20; i++) {
      chain.append(",\"act\":{\"sub\":\"actor-").append(i).append('"');
    }
    chain.append("}".repeat(21));

    EndUser user = EndUser.of(null, List.of("Bearer " + jwt(chain.toString())), "sub");

    assertThat(user.id()).hasSize(EndUser.MAX_VALUE_LENGTH);
    assertThat(user.actors()).hasSize(EndUser.MAX_ACTORS).startsWith("actor-0", "actor-1");
  }

  @Test
  void nestingDeeperThanTheParserAllowsIsNotRead() {
    String deep = "{\"sub\":\"alice\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";

    assertThat(EndUser.of(null, List.of("Bearer " + jwt(deep)), "sub").source())
        .isEqualTo("opaque");
  }

  /** A JWT with these claims, as an identity provider signs one (nothing here verifies it). */
  private static String jwt(String claims) {
    return FakeJwt.of("RS256", claims);
  }
}
