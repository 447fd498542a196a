package dev.custody.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * {@code -javaagent:custody-fault-agent.jar}, given before the Custody agent: makes Custody's code
 * fail wherever its caller would see it (see {@link dev.custody.faults.boot.Faults}). At exit it
 * prints how many faults it threw, and where (by instrumentation folder and extension package);
 * with {@code -Dcustody.faults.verbose=true}, in which methods.
 */
public final class FaultAgent {

  /**
   * What the rewritten classes call: on the bootstrap class path, which every class loader reaches.
   */
  private static final List<String> BOOT_CLASSES =
      List.of(
          "dev/custody/faults/boot/Faults.class",
          "dev/custody/faults/boot/Faults$Fault.class",
          "dev/custody/faults/boot/InjectedFault.class");

  private FaultAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) throws IOException {
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootJar().toFile()));
    instrumentation.addTransformer(new FaultTransformer());
    boolean verbose = Boolean.getBoolean("custody.faults.verbose");
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.err.println(Reports.line(verbose))));
  }

  private static Path bootJar() throws IOException {
    Path jar = Files.createTempFile("custody-faults-boot", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String name : BOOT_CLASSES) {
        out.putNextEntry(new JarEntry(name));
        copy(name, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void copy(String resource, OutputStream out) throws IOException {
    try (InputStream in = FaultAgent.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException(resource + " is missing from the fault agent's jar"));
      }
      in.transferTo(out);
    }
  }

  /** Reaches the bootstrap copy of {@code Faults} only once it is on the bootstrap class path. */
  private static final class Reports {
    static String line(boolean verbose) {
      return dev.custody.faults.boot.Faults.report(verbose);
    }
  }
}
