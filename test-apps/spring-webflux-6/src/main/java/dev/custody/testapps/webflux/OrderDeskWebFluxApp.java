package dev.custody.testapps.webflux;

import dev.custody.testapps.orderdesk.OrderAgent;
import dev.custody.testapps.orderdesk.OrderAgent.OrderAssistant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An order desk served by Spring WebFlux on Reactor Netty, with no Custody code: {@code POST /ask}
 * asks the LangChain4j order assistant ({@link OrderAgent}), a blocking call, on Reactor's
 * boundedElastic scheduler, off the event loop. Prints {@code LISTENING <port>} and exits after
 * {@code -Dit.serve.requests} requests.
 */
@SpringBootApplication
public class OrderDeskWebFluxApp {

  static final CountDownLatch SERVED =
      new CountDownLatch(Integer.getInteger("it.serve.requests", 1));

  @RestController
  static class AskController {
    private final OrderAssistant assistant = OrderAgent.assistant();

    @PostMapping("/ask")
    Mono<String> ask(@RequestBody String question) {
      return Mono.fromCallable(() -> assistant.chat(question))
          .doOnNext(answer -> System.out.println("ANSWER: " + answer))
          .subscribeOn(Schedulers.boundedElastic())
          .doFinally(signal -> SERVED.countDown());
    }
  }

  public static void main(String[] args) throws Exception {
    SpringApplication application = new SpringApplication(OrderDeskWebFluxApp.class);
    application.setDefaultProperties(Map.of("server.port", "0", "server.address", "127.0.0.1"));
    ConfigurableApplicationContext context = application.run(args);
    System.out.println("LISTENING " + context.getEnvironment().getProperty("local.server.port"));
    SERVED.await();
    Thread.sleep(
        500); // the last response is still being written: let its request end before stopping
    System.exit(SpringApplication.exit(context));
  }
}
