package dev.custody.testapps.tomcat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * An order desk served by an asynchronous servlet on embedded Tomcat, with no Custody code: {@code POST /ask} hands
 * the request to a LangChain4j AI service on another container thread ({@code AsyncContext.start}). Prints
 * {@code LISTENING <port>} and exits after {@code -Dit.serve.requests} requests. The model is at {@code -Dit.model.url},
 * the order backend the tool calls at {@code -Dit.backend.url}.
 */
public final class OrderDeskServletApp {

  public interface OrderAssistant {
    @SystemMessage("You are an order desk assistant. Look orders up before answering.")
    String chat(String request);
  }

  public static final class OrderTools {
    private final HttpClient http = HttpClient.newHttpClient();

    @Tool("Looks an order up in the order backend")
    public String lookupOrder(String orderId) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(System.getProperty("it.backend.url") + "/orders/" + orderId)).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  /** Answers each request from a container thread of its own, as long-running servlet work is written. */
  static final class AskServlet extends HttpServlet {
    private final OrderAssistant assistant;
    private final CountDownLatch served;

    AskServlet(OrderAssistant assistant, CountDownLatch served) {
      this.assistant = assistant;
      this.served = served;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String question = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      AsyncContext async = request.startAsync();
      async.start(
          () -> {
            try {
              String answer = assistant.chat(question);
              System.out.println("ANSWER: " + answer);
              async.getResponse().getWriter().write(answer);
            } catch (IOException | RuntimeException e) {
              e.printStackTrace();
            } finally {
              async.complete();
              served.countDown();
            }
          });
    }
  }

  private OrderDeskServletApp() {}

  public static void main(String[] args) throws Exception {
    OrderAssistant assistant =
        AiServices.builder(OrderAssistant.class)
            .chatModel(
                OpenAiChatModel.builder()
                    .baseUrl(System.getProperty("it.model.url"))
                    .apiKey(System.getenv().getOrDefault("IT_MODEL_API_KEY", "test-key"))
                    .modelName("scripted-model")
                    .build())
            .tools(new OrderTools())
            .build();
    CountDownLatch served = new CountDownLatch(Integer.getInteger("it.serve.requests", 1));
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(0);
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    Context context = tomcat.addContext("", null);
    Wrapper ask = Tomcat.addServlet(context, "ask", new AskServlet(assistant, served));
    ask.setAsyncSupported(true);
    context.addServletMappingDecoded("/ask", "ask");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    served.await();
    Thread.sleep(500); // complete() finishes the last response on a container thread: let it end before stopping
    tomcat.stop();
    System.exit(0);
  }
}
