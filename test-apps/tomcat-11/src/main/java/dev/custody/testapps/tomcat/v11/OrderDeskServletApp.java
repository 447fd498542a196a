package dev.custody.testapps.tomcat.v11;

import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import dev.custody.testapps.tomcat.EmbeddedTomcat;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * An order desk served by an asynchronous servlet on embedded Tomcat, with no Custody code: {@code
 * POST /ask} hands the request to the LangChain4j order assistant ({@link OrderAgent}) on another
 * container thread ({@code AsyncContext.start}). Prints {@code LISTENING <port>} and exits after
 * {@code -Dit.serve.requests} requests.
 */
public final class OrderDeskServletApp {

  /**
   * Answers each request from a container thread of its own, as long-running servlet work is
   * written.
   */
  static final class AskServlet extends HttpServlet {
    private final OrderAssistant assistant;
    private final CountDownLatch served;

    AskServlet(OrderAssistant assistant, CountDownLatch served) {
      this.assistant = assistant;
      this.served = served;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
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
    OrderAssistant assistant = OrderAgent.assistant();
    CountDownLatch served = new CountDownLatch(Integer.getInteger("it.serve.requests", 1));
    Tomcat tomcat = EmbeddedTomcat.onFreePort();
    Context context = tomcat.addContext("", null);
    Wrapper ask = Tomcat.addServlet(context, "ask", new AskServlet(assistant, served));
    ask.setAsyncSupported(true);
    context.addServletMappingDecoded("/ask", "ask");
    EmbeddedTomcat.serveUntil(tomcat, served);
  }
}
