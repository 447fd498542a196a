package dev.custody.testapps.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.startup.Tomcat;

/**
 * The embedded Tomcat the order desk's servlet apps run on, Tomcat 9 (javax) and 11 (jakarta)
 * alike: only the servlet differs between them.
 */
public final class EmbeddedTomcat {

  private EmbeddedTomcat() {}

  /** A Tomcat on a free port, its work files in a temporary directory. */
  public static Tomcat onFreePort() throws IOException {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(0);
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    return tomcat;
  }

  /**
   * Starts Tomcat, prints {@code LISTENING <port>}, and exits the process once {@code served} is
   * down to zero.
   */
  public static void serveUntil(Tomcat tomcat, CountDownLatch served) throws Exception {
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    served.await();
    Thread.sleep(
        500); // the last response is still being finished on a container thread: let it end before
    // stopping
    tomcat.stop();
    System.exit(0);
  }
}
