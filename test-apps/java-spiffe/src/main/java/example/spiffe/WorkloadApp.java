package example.spiffe;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.spiffe.svid.jwtsvid.JwtSvid;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.DefaultJwtSource;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.JwtSource;
import io.spiffe.workloadapi.X509Source;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A workload that gets its identity from the SPIFFE Workload API ({@code SPIFFE_ENDPOINT_SOCKET})
 * as java-spiffe documents it, with no Custody code: it builds an X.509 source and waits for the
 * agent to rotate its SVID, then runs a LangChain4j agent (model at {@code -Dapp.model.url}) whose
 * tool fetches a JWT-SVID for the order backend ({@code -Dapp.backend.url}) and calls it with the
 * SVID as a bearer token, then asks for an audience the Workload API refuses.
 */
public final class WorkloadApp {

  public interface OpsAgent {
    @SystemMessage("You are an operations agent. Check the orders before answering.")
    String handle(String request);
  }

  public static final class OrderTools {
    private final JwtSource jwtSource;

    OrderTools(JwtSource jwtSource) {
      this.jwtSource = jwtSource;
    }

    @Tool("Checks the open orders in the order backend")
    public String checkOrders() throws Exception {
      JwtSvid svid = jwtSource.fetchJwtSvid("api://orders");
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("app.backend.url") + "/orders/open"))
              .header("Authorization", "Bearer " + svid.getToken())
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  private WorkloadApp() {}

  public static void main(String[] args) throws Exception {
    try (X509Source x509Source = DefaultX509Source.newSource()) {
      // Read before the JWT source starts: the Workload API rotates it a second after sending it.
      X509Svid first = x509Source.getX509Svid();
      System.out.println("X509 " + first.getSpiffeId() + " serial " + serial(first));
      try (JwtSource jwtSource = DefaultJwtSource.newSource()) {
        awaitRotation(x509Source, serial(first));

        OpenAiChatModel model =
            OpenAiChatModel.builder()
                .baseUrl(System.getProperty("app.model.url"))
                .apiKey("test-key")
                .modelName("gpt-4o-mini")
                .build();
        OpsAgent agent =
            AiServices.builder(OpsAgent.class)
                .chatModel(model)
                .tools(new OrderTools(jwtSource))
                .build();
        System.out.println("ANSWER agent: " + agent.handle("Are any orders stuck?"));

        try {
          jwtSource.fetchJwtSvid("api://payments");
        } catch (Exception e) {
          System.out.println("FAILED payments: " + e.getClass().getName());
        }
      }
    }
  }

  private static void awaitRotation(X509Source source, String firstSerial)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      X509Svid current = source.getX509Svid();
      if (!serial(current).equals(firstSerial)) {
        System.out.println("ROTATED serial " + serial(current));
        return;
      }
      Thread.sleep(100);
    }
    System.out.println("NOT ROTATED");
  }

  private static String serial(X509Svid svid) {
    return svid.getLeaf().getSerialNumber().toString(16);
  }
}
