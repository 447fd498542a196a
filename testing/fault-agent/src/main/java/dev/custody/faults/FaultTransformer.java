package dev.custody.faults;

import dev.custody.faults.boot.Faults;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites Custody's classes as they are defined in an application's class loader (the helper
 * copies the agent injects there), and the extension's (its span processors and context storage run
 * on the application's threads), so that every method and constructor first asks {@code
 * Faults.enter} whether to fail. Custody's other classes in the agent's own class loaders are left
 * alone, so the agent and its instrumentation install as usual; so are the bootstrap classes, which
 * the agent's exporter shares, and which application code only reaches through the rewritten ones.
 * Methods that catch {@code Throwable} are guards and are left alone too: what they call fails.
 */
final class FaultTransformer implements ClassFileTransformer {

  private static final String FAULTS = "dev/custody/faults/boot/Faults";

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] bytes) {
    if (loader == null
        || redefined != null
        || className == null
        || !isRewritten(className, loader)) {
      return null;
    }
    try {
      byte[] rewritten = rewrite(bytes);
      Faults.instrumented(className.replace('/', '.'));
      return rewritten;
    } catch (Throwable failure) {
      System.err.println("[custody-faults] could not rewrite " + className + ": " + failure);
      return null;
    }
  }

  private static boolean isRewritten(String className, ClassLoader loader) {
    if (className.startsWith("dev/custody/extension/")) {
      return true;
    }
    boolean helper =
        className.startsWith("dev/custody/core/")
            || className.startsWith("dev/custody/instrumentation/");
    return helper && !loader.getClass().getName().startsWith("io.opentelemetry.javaagent.");
  }

  static byte[] rewrite(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    Set<String> guards = guards(reader);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor method =
                super.visitMethod(access, name, descriptor, signature, exceptions);
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                || name.equals("<clinit>")
                || guards.contains(name + descriptor)) {
              return method;
            }
            int flags = flags(name, descriptor);
            return new MethodVisitor(Opcodes.ASM9, method) {
              @Override
              public void visitCode() {
                super.visitCode();
                super.visitLdcInsn(flags);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, FAULTS, "enter", "(I)V", false);
              }
            };
          }
        },
        0);
    return writer.toByteArray();
  }

  /** The methods that catch {@code Throwable}. */
  private static Set<String> guards(ClassReader reader) {
    Set<String> guards = new HashSet<>();
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
              @Override
              public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if ("java/lang/Throwable".equals(type)) {
                  guards.add(name + descriptor);
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return guards;
  }

  private static int flags(String name, String descriptor) {
    if (name.equals("<init>")) {
      return Faults.CONSTRUCTOR;
    }
    String returned = descriptor.substring(descriptor.indexOf(')') + 1);
    boolean libraryObject =
        returned.startsWith("L")
            && !returned.startsWith("Ldev/custody/")
            && !returned.equals("Ljava/lang/String;")
            && !isBoxed(returned);
    return libraryObject ? Faults.RETURNS_LIBRARY_OBJECT : 0;
  }

  private static boolean isBoxed(String type) {
    return Set.of(
            "Ljava/lang/Boolean;",
            "Ljava/lang/Integer;",
            "Ljava/lang/Long;",
            "Ljava/lang/Double;",
            "Ljava/lang/Float;",
            "Ljava/lang/Short;",
            "Ljava/lang/Byte;",
            "Ljava/lang/Character;")
        .contains(type);
  }
}
