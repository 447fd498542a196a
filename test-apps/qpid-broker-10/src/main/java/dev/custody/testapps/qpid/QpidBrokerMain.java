package dev.custody.testapps.qpid;

import java.nio.file.Files;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/**
 * Runs a Qpid Broker-J on 127.0.0.1 at the port given as the first argument, speaking AMQP 0-9-1,
 * with one in-memory virtual host and the user guest/guest, its work directory a fresh temporary
 * one. Prints {@code BROKER READY} once it accepts connections.
 */
public final class QpidBrokerMain {

  private QpidBrokerMain() {}

  public static void main(String[] args) throws Exception {
    String workDir = Files.createTempDirectory("qpid").toString();
    new SystemLauncher()
        .startup(
            Map.of(
                "type",
                "Memory",
                "initialConfigurationLocation",
                QpidBrokerMain.class.getResource("/amqp-broker.json").toExternalForm(),
                "startupLoggedToSystemOut",
                true,
                "context",
                Map.of(
                    "qpid.amqp_port", args[0],
                    "qpid.work_dir", workDir,
                    "qpid.home_dir", workDir)));
    System.out.println("BROKER READY");
  }
}
