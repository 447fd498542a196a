package dev.custody.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.instrumentation.fixture.FixtureHelper;
import dev.custody.instrumentation.fixture.FixtureInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.HelperResourceBuilder;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

/**
 * What muzzle would check: advice is inlined into application classes, so every {@code dev.custody}
 * class it reaches, transitively, must be injected as a helper, except the bootstrap classes, which
 * every class loader sees.
 */
class HelperClassListTest {

  private static final ClassLoader CLASS_PATH = HelperClassListTest.class.getClassLoader();

  @Test
  void everyClassAdviceReachesIsAHelper() {
    for (InstrumentationModule module : modules()) {
      Set<String> notHelpers = new TreeSet<>();
      module
          .typeInstrumentations()
          .forEach(instrumentation -> notHelpers.add(instrumentation.getClass().getName()));
      List<String> advice = adviceClassNames(module);
      notHelpers.addAll(advice);
      List<String> served = servedClassNames(module);
      assertThat(advice.isEmpty() && served.isEmpty())
          .as(
              "%s has no advice and its helper resources name no class",
              module.instrumentationName())
          .isFalse();

      List<String> roots = new ArrayList<>(advice);
      roots.addAll(served);
      Set<String> missing =
          missingHelpers(roots, notHelpers, module.getAdditionalHelperClassNames());
      served.stream()
          .filter(name -> !module.getAdditionalHelperClassNames().contains(name))
          .forEach(missing::add);

      assertThat(missing)
          .as(
              "%s: advice, or a class its helper resources name, reaches these classes, which"
                  + " getAdditionalHelperClassNames() lacks:%n  %s%n",
              module.instrumentationName(), String.join("\n  ", missing))
          .isEmpty();
    }
  }

  @Test
  void adviceCallsOnlyPublicMembersOfPublicClasses() {
    for (InstrumentationModule module : modules()) {
      assertThat(inaccessibleCalls(adviceClassNames(module)))
          .as(
              "%s: advice, inlined into library classes, calls what they cannot access",
              module.instrumentationName())
          .isEmpty();
    }
  }

  @Test
  void everyListedHelperExists() {
    for (InstrumentationModule module : modules()) {
      List<String> stale =
          module.getAdditionalHelperClassNames().stream()
              .filter(name -> classBytes(name) == null)
              .toList();
      assertThat(stale)
          .as("%s lists classes that do not exist", module.instrumentationName())
          .isEmpty();
      assertThat(module.getAdditionalHelperClassNames())
          .as("%s lists a helper twice", module.instrumentationName())
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void checkerReportsAClassMissingFromTheList() {
    String advice = FixtureInstrumentation.FixtureAdvice.class.getName();
    Set<String> notHelpers = Set.of(advice, FixtureInstrumentation.class.getName());

    // CaseIds is reached only through FixtureHelper; CustodySettings is a bootstrap class, never a
    // helper.
    assertThat(missingHelpers(List.of(advice), notHelpers, List.of(FixtureHelper.class.getName())))
        .containsExactly("dev.custody.core.cases.CaseIds");
    assertThat(
            missingHelpers(
                List.of(advice),
                notHelpers,
                List.of(FixtureHelper.class.getName(), "dev.custody.core.cases.CaseIds")))
        .isEmpty();
  }

  @Test
  void checkerReportsACallAdviceMayNotMake() {
    assertThat(inaccessibleCalls(List.of(FixtureInstrumentation.FixtureAdvice.class.getName())))
        .containsExactly(FixtureHelper.class.getName() + ".notForAdvice()V");
  }

  private static List<InstrumentationModule> modules() {
    List<InstrumentationModule> modules = new ArrayList<>();
    ServiceLoader.load(InstrumentationModule.class, CLASS_PATH).forEach(modules::add);
    assertThat(modules).as("modules in META-INF/services").isNotEmpty();
    return modules;
  }

  private static List<String> adviceClassNames(InstrumentationModule module) {
    List<String> advice = new ArrayList<>();
    for (TypeInstrumentation instrumentation : module.typeInstrumentations()) {
      RecordingTransformer transformer = new RecordingTransformer();
      instrumentation.transform(transformer);
      advice.addAll(transformer.adviceClassNames);
    }
    return advice;
  }

  /**
   * The classes the module's helper resources name, such as interceptors a library instantiates
   * from a resource it reads: they run in the library's class loader like advice, so they and what
   * they reach must be helpers too.
   */
  private static List<String> servedClassNames(InstrumentationModule module) {
    List<String> resources = new ArrayList<>();
    module.registerHelperResources(
        new HelperResourceBuilder() {
          @Override
          public void register(String applicationResourcePath, String agentResourcePath) {
            resources.add(agentResourcePath);
          }

          @Override
          public void registerForAllClassLoaders(
              String applicationResourcePath, String agentResourcePath) {
            resources.add(agentResourcePath);
          }
        });
    List<String> classNames = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = CLASS_PATH.getResourceAsStream(resource)) {
        assertThat(in).as("helper resource %s", resource).isNotNull();
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(String::trim)
            .filter(line -> line.startsWith("dev.custody."))
            .forEach(classNames::add);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return classNames;
  }

  /**
   * The classes the advice reaches, transitively, that are neither in {@code helpers} nor bootstrap
   * classes.
   */
  static Set<String> missingHelpers(
      Collection<String> adviceClasses, Set<String> notHelpers, Collection<String> helpers) {
    Set<String> missing = new TreeSet<>(reachedCustodyClasses(adviceClasses, notHelpers));
    missing.removeAll(helpers);
    return missing;
  }

  /**
   * Every {@code dev.custody} class outside the bootstrap package that the advice reaches,
   * transitively.
   */
  static Set<String> reachedCustodyClasses(
      Collection<String> adviceClasses, Set<String> notHelpers) {
    Set<String> reached = new TreeSet<>();
    Deque<String> toRead = new ArrayDeque<>(adviceClasses);
    Set<String> read = new TreeSet<>();
    while (!toRead.isEmpty()) {
      String name = toRead.pop();
      if (!read.add(name)) {
        continue;
      }
      for (String referenced : referencedTypes(name)) {
        if (referenced.startsWith("dev.custody.")
            && !referenced.startsWith("dev.custody.bootstrap.")
            && !notHelpers.contains(referenced)) {
          reached.add(referenced);
          toRead.push(referenced);
        }
      }
    }
    return reached;
  }

  /**
   * The methods of our classes (outside the bootstrap package) that the advice calls but that are
   * not public or whose class is not: the advice runs inside the library's classes, in another
   * package.
   */
  static List<String> inaccessibleCalls(Collection<String> adviceClasses) {
    List<String> inaccessible = new ArrayList<>();
    for (String advice : adviceClasses) {
      new ClassReader(classBytes(advice))
          .accept(
              new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(
                    int access,
                    String name,
                    String descriptor,
                    String signature,
                    String[] exceptions) {
                  return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(
                        int opcode,
                        String owner,
                        String method,
                        String methodDescriptor,
                        boolean isInterface) {
                      String ownerName = owner.replace('/', '.');
                      if (ownerName.startsWith("dev.custody.")
                          && !ownerName.startsWith("dev.custody.bootstrap.")
                          && !isPublic(ownerName, method, methodDescriptor)) {
                        inaccessible.add(ownerName + "." + method + methodDescriptor);
                      }
                    }
                  };
                }
              },
              0);
    }
    return inaccessible;
  }

  private static boolean isPublic(String className, String method, String descriptor) {
    try {
      Class<?> owner = Class.forName(className, false, CLASS_PATH);
      Executable called =
          method.equals("<init>")
              ? owner.getDeclaredConstructor(parameterTypes(descriptor))
              : owner.getDeclaredMethod(method, parameterTypes(descriptor));
      return Modifier.isPublic(owner.getModifiers()) && Modifier.isPublic(called.getModifiers());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(
          "advice calls what does not exist: " + className + "." + method + descriptor, e);
    }
  }

  private static Class<?>[] parameterTypes(String descriptor) {
    return MethodType.fromMethodDescriptorString(descriptor, CLASS_PATH).parameterArray();
  }

  /**
   * Every type named in the class file: descriptors, signatures, constants, invokedynamic, inner
   * classes.
   */
  private static Set<String> referencedTypes(String className) {
    byte[] bytes = classBytes(className);
    if (bytes == null) {
      throw new AssertionError("not on the class path: " + className);
    }
    Set<String> types = new TreeSet<>();
    Remapper recorder =
        new Remapper(Opcodes.ASM9) {
          @Override
          public String map(String internalName) {
            types.add(internalName.replace('/', '.'));
            return internalName;
          }
        };
    new ClassReader(bytes).accept(new ClassRemapper(new ClassWriter(0), recorder), 0);
    return types;
  }

  private static byte[] classBytes(String className) {
    try (InputStream in = CLASS_PATH.getResourceAsStream(className.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records the advice class names instead of transforming anything. */
  private static final class RecordingTransformer implements TypeTransformer {

    final List<String> adviceClassNames = new ArrayList<>();

    @Override
    public void applyAdviceToMethod(
        ElementMatcher<? super MethodDescription> methodMatcher,
        Function<Advice.WithCustomMapping, Advice.WithCustomMapping> mappingCustomizer,
        String adviceClassName) {
      adviceClassNames.add(adviceClassName);
    }

    @Override
    public void applyTransformer(AgentBuilder.Transformer transformer) {
      throw new AssertionError("a raw transformer escapes this check: " + transformer);
    }
  }
}
