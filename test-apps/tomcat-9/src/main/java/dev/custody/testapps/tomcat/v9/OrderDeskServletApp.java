package dev.custody.testapps.tomcat.v9;

import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import dev.custody.testapps.tomcat.EmbeddedTomcat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * An order desk served by a javax servlet on embedded Tomcat 9, with no Custody code: {@code POST
 * /ask} asks the LangChain4j order assistant ({@link OrderAgent}) on the request thread. Tomcat has
 * a single request thread, so consecutive requests run on the same thread. Prints {@code LISTENING
 * <port>} and exits after {@code -Dit.serve.requests} requests.
 */
public final class OrderDeskServletApp {

  private OrderDeskServletApp() {}

  public static void main(String[] args) throws Exception {
    OrderAssistant assistant = OrderAgent.assistant();
    CountDownLatch served = new CountDownLatch(Integer.getInteger("it.serve.requests", 1));
    Tomcat tomcat = EmbeddedTomcat.onFreePort();
    tomcat.getConnector().setProperty("maxThreads", "1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(
        context,
        "ask",
        new HttpServlet() {
          @Override
          protected void doPost(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            try {
              String question =
                  new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              String answer = assistant.chat(question);
              System.out.println("ANSWER: " + answer);
              response.getWriter().write(answer);
            } finally {
              served.countDown();
            }
          }
        });
    context.addServletMappingDecoded("/ask", "ask");
    EmbeddedTomcat.serveUntil(tomcat, served);
  }
}
