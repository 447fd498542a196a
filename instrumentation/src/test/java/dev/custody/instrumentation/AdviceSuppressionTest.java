package dev.custody.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.instrumentation.fixture.UnguardedAdvice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * Advice is inlined into the application's and its libraries' methods: whatever it throws, ours or
 * a helper's, must stay there. ByteBuddy only keeps it there for advice declared with {@code
 * suppress = Throwable.class}.
 */
class AdviceSuppressionTest {

  private static final List<String> ADVICE_ANNOTATIONS =
      List.of(
          Type.getDescriptor(net.bytebuddy.asm.Advice.OnMethodEnter.class),
          Type.getDescriptor(net.bytebuddy.asm.Advice.OnMethodExit.class));

  @Test
  void everyAdviceMethodSuppressesThrowable() throws Exception {
    TreeSet<String> advice = new TreeSet<>();
    TreeSet<String> unsuppressed = adviceWithoutSuppression(classesOf(CoreHelpers.class), advice);
    assertThat(advice).as("advice methods found").hasSizeGreaterThan(50);
    assertThat(unsuppressed).as("advice that lets what it throws reach the application").isEmpty();
  }

  @Test
  void checkerReportsAdviceThatSuppressesLessThanThrowable() throws Exception {
    Path fixture =
        classesOf(UnguardedAdvice.class)
            .resolve(UnguardedAdvice.class.getName().replace('.', '/') + ".class");
    assertThat(adviceWithoutSuppression(fixture, new TreeSet<>()))
        .containsExactly(
            UnguardedAdvice.class.getName() + ".suppressesTooLittle",
            UnguardedAdvice.class.getName() + ".unsuppressed");
  }

  private static Path classesOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * The advice methods under {@code classes} (a directory or one class file) whose suppression is
   * not Throwable.
   */
  private static TreeSet<String> adviceWithoutSuppression(Path classes, TreeSet<String> advice)
      throws IOException {
    TreeSet<String> unsuppressed = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .forEach(
              file -> {
                try {
                  new ClassReader(Files.readAllBytes(file))
                      .accept(new AdviceReader(advice, unsuppressed), ClassReader.SKIP_CODE);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return unsuppressed;
  }

  private static final class AdviceReader extends ClassVisitor {
    private final TreeSet<String> advice;
    private final TreeSet<String> unsuppressed;
    private String className;

    AdviceReader(TreeSet<String> advice, TreeSet<String> unsuppressed) {
      super(Opcodes.ASM9);
      this.advice = advice;
      this.unsuppressed = unsuppressed;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      className = name.replace('/', '.');
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      String method = className + "." + name;
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          if (!ADVICE_ANNOTATIONS.contains(annotation)) {
            return null;
          }
          advice.add(method);
          unsuppressed.add(method);
          return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String element, Object value) {
              if (element.equals("suppress") && value.equals(Type.getType(Throwable.class))) {
                unsuppressed.remove(method);
              }
            }
          };
        }
      };
    }
  }
}
