package dev.custody.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.core.CustodyAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.Test;

/**
 * The layers, read from the compiled classes: an instrumentation reaches Custody through the core
 * only, and the core, injected into application class loaders, reaches only the JDK, the
 * OpenTelemetry API and instrumentation API, and the bootstrap classes. Never the SDK, the agent's
 * internals, the exporter or the extension, which live in the agent's class loader.
 */
class LayeringTest {

  private static final List<String> INSTRUMENTATION_MUST_NOT_REACH =
      List.of("dev/custody/bootstrap/", "dev/custody/exporter/", "dev/custody/extension/");

  private static final List<String> CORE_MAY_REACH =
      List.of(
          "java/",
          "javax/",
          "io/opentelemetry/api/",
          "io/opentelemetry/context/",
          "io/opentelemetry/instrumentation/api/",
          "dev/custody/core/",
          "dev/custody/bootstrap/");

  @Test
  void instrumentationsReachCustodyThroughTheCoreOnly() throws Exception {
    Map<String, Set<String>> offending =
        referencesOf(
            CoreHelpers.class, name -> startsWithAny(name, INSTRUMENTATION_MUST_NOT_REACH));

    assertThat(offending)
        .as("instrumentation classes and what they reach beyond the core")
        .isEmpty();
  }

  @Test
  void theCoreReachesOnlyTheJdkTheApisAndTheBootstrapClasses() throws Exception {
    Map<String, Set<String>> offending =
        referencesOf(CustodyAttributes.class, name -> !startsWithAny(name, CORE_MAY_REACH));

    assertThat(offending).as("core classes and what they reach outside their layer").isEmpty();
  }

  @Test
  void theCheckSeesWhatAClassReaches() throws Exception {
    Map<String, Set<String>> all = referencesOf(CustodyAttributes.class, name -> true);

    assertThat(all.get("dev/custody/core/credentials/Credentials"))
        .as("a core class that records into the bootstrap classes")
        .contains("dev/custody/bootstrap/CredentialLedger", "io/opentelemetry/api/trace/Span");
  }

  /**
   * For each class of {@code module}'s classes directory or jar, the classes it names that {@code
   * forbidden} matches; a class naming none is not listed.
   */
  private static Map<String, Set<String>> referencesOf(Class<?> module, Predicate<String> forbidden)
      throws IOException, URISyntaxException {
    Path location = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) {
      return referencesUnder(location, forbidden);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return referencesUnder(jar.getPath("/"), forbidden);
    }
  }

  private static Map<String, Set<String>> referencesUnder(Path root, Predicate<String> forbidden)
      throws IOException {
    Map<String, Set<String>> offending = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
        Set<String> reached = new TreeSet<>();
        String name = classNameAndReferences(file, reached);
        reached.removeIf(reference -> reference.equals(name) || !forbidden.test(reference));
        if (!reached.isEmpty()) {
          offending.put(name, reached);
        }
      }
    }
    return offending;
  }

  private static String classNameAndReferences(Path file, Set<String> reached) {
    try (InputStream in = Files.newInputStream(file)) {
      ClassReader reader = new ClassReader(in);
      Remapper collector =
          new Remapper() {
            @Override
            public String map(String internalName) {
              reached.add(internalName);
              return internalName;
            }
          };
      ClassVisitor visitor = new ClassRemapper(Opcodes.ASM9, new ClassWriter(0), collector) {};
      reader.accept(visitor, 0);
      return reader.getClassName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    return prefixes.stream().anyMatch(name::startsWith);
  }
}
