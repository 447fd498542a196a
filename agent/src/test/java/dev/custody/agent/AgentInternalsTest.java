package dev.custody.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.extension.InstrumentationProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upstream internals Custody leans on, checked against the opentelemetry-javaagent jar the
 * distribution bundles, not the API jars Custody compiles against: only {@code AgentInternals}
 * (core) and {@code SdkInternals} (exporter) reach them, and each class, member and name they reach
 * is still in the agent, under the name the agent gives it when it loads the extension; and every
 * instrumentation or experimental setting Custody sets is still read by it. A failure names the
 * internal and what to do.
 */
class AgentInternalsTest {

  /**
   * The only Custody classes that may reach an internal: one per side of the class-loader split.
   */
  private static final Set<String> INTERNALS_CLASSES =
      Set.of(
          "dev/custody/core/AgentInternals",
          "dev/custody/core/AgentInternals$Cache",
          "dev/custody/exporter/SdkInternals",
          "dev/custody/exporter/SdkInternals$OnEnding");

  /**
   * How the agent renames the APIs in an extension's classes as it loads them (its {@code
   * RemappingUrlConnection}); the SDK and its exporters keep their names.
   */
  private static final Map<String, String> SHADING =
      Map.of(
          "io.opentelemetry.api", "io.opentelemetry.javaagent.shaded.io.opentelemetry.api",
          "io.opentelemetry.context", "io.opentelemetry.javaagent.shaded.io.opentelemetry.context",
          "io.opentelemetry.common", "io.opentelemetry.javaagent.shaded.io.opentelemetry.common",
          "io.opentelemetry.instrumentation", "io.opentelemetry.javaagent.shaded.instrumentation",
          "io.opentelemetry.semconv", "io.opentelemetry.javaagent.shaded.io.opentelemetry.semconv");

  private static final String EXECUTION_ATTRIBUTE =
      "software/amazon/awssdk/core/interceptor/ExecutionAttribute";
  private static final String EXECUTION_ATTRIBUTES =
      "software/amazon/awssdk/core/interceptor/ExecutionAttributes";

  private static final String WHAT_TO_DO =
      "Find what replaced it in the opentelemetry-java-instrumentation (or opentelemetry-java)"
          + " source of the bundled version, change the method of AgentInternals or SdkInternals"
          + " that leans on it (a public API if one now exists), and its comment.";

  private static BundledAgent agent;
  private static Map<String, References> custody;

  @BeforeAll
  static void read() throws IOException, URISyntaxException {
    agent = BundledAgent.onClassPath();
    custody = custodyClasses();
  }

  @AfterAll
  static void close() throws IOException {
    agent.jar.close();
  }

  @Test
  void theCheckReadsCustodysClassesAndTheBundledAgent() {
    assertThat(custody)
        .as("Custody's classes read from the class path")
        .containsKeys(
            "dev/custody/core/AgentInternals",
            "dev/custody/exporter/SdkInternals",
            "dev/custody/instrumentation/CoreHelpers",
            "dev/custody/extension/CustodyAutoConfiguration");
    assertThat(agent.find("io/opentelemetry/javaagent/OpenTelemetryAgent"))
        .as("the agent's own entry point")
        .isNotNull();
  }

  @Test
  void onlyAgentInternalsAndSdkInternalsReachTheAgentsInternals() {
    Map<String, Set<String>> offending = new TreeMap<>();
    custody.forEach(
        (name, references) -> {
          if (INTERNALS_CLASSES.contains(name)) {
            return;
          }
          Set<String> internals = new TreeSet<>();
          references.types.stream().filter(AgentInternalsTest::isInternal).forEach(internals::add);
          references.strings.stream()
              .filter(AgentInternalsTest::namesAnAgentClass)
              .forEach(internals::add);
          if (!internals.isEmpty()) {
            offending.put(name, internals);
          }
        });

    assertThat(offending)
        .withFailMessage(
            "These Custody classes reach upstream internals directly: %s%nGo through"
                + " AgentInternals (core, instrumentations) or SdkInternals (exporter, extension),"
                + " whose every use AgentInternalsTest checks against the bundled agent.",
            offending)
        .isEmpty();
  }

  @Test
  void everyInternalCustodyReachesIsInTheBundledAgent() {
    List<String> missing = new ArrayList<>();
    for (String name : INTERNALS_CLASSES) {
      References references = custodyClass(name);
      references.types.stream()
          .filter(AgentInternalsTest::isInternal)
          .filter(type -> agent.find(shaded(type)) == null)
          .forEach(type -> missing.add(missingClass(name, type)));
      references.members.stream()
          .filter(member -> isInternal(member.owner))
          .map(member -> agent.missing(name, member))
          .filter(problem -> problem != null)
          .forEach(missing::add);
    }

    assertThat(missing).withFailMessage("%s", String.join("\n", missing)).isEmpty();
  }

  @Test
  void theAgentsAwsSdkInterceptorKeepsItsSpanContextUnderTheNameAgentInternalsLooksFor() {
    Set<String> agentNames = new TreeSet<>();
    custodyClass("dev/custody/core/AgentInternals").strings.stream()
        .filter(AgentInternalsTest::namesAnAgentClass)
        .forEach(agentNames::add);
    assertThat(agentNames)
        .withFailMessage(
            "AgentInternals names these agent classes: %s; this test checks the AWS SDK"
                + " interceptor's context attribute only. Add a check for any other.",
            agentNames)
        .hasSize(1);
    String name = agentNames.iterator().next();

    String problem = agent.awsSdkSpanContextAttributeProblem(name);
    assertThat(problem).withFailMessage("%s", problem).isNull();
  }

  @Test
  void everyAgentSettingCustodySetsIsStillReadByTheBundledAgent() throws IOException {
    Map<String, Set<String>> settings = new TreeMap<>();
    custody.forEach(
        (name, references) ->
            references.strings.stream()
                .filter(AgentInternalsTest::namesAnAgentSetting)
                .forEach(
                    setting -> settings.computeIfAbsent(setting, k -> new TreeSet<>()).add(name)));
    assertThat(settings).as("the agent's settings Custody sets").isNotEmpty();

    Set<String> unread = new TreeSet<>(settings.keySet());
    unread.removeAll(agent.stringConstantsAmong(settings.keySet()));

    List<String> problems = new ArrayList<>();
    for (String setting : unread) {
      problems.add(
          setting
              + " (set by "
              + settings.get(setting).stream().map(AgentInternalsTest::dotted).toList()
              + ") is read by no class of the bundled agent "
              + agent.version
              + ": find what it is called now in the agent's release notes and change it there"
              + " and in docs/configuration.md.");
    }
    assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyInstrumentationTheLeanProfileKeepsIsStillNamedByTheBundledAgent() throws IOException {
    Set<String> stock = new TreeSet<>(InstrumentationProfile.LEAN);
    stock.remove("custody");
    Set<String> unnamed = new TreeSet<>(stock);
    unnamed.removeAll(agent.instrumentationModuleConstants());

    assertThat(unnamed)
        .withFailMessage(
            "custody.profile=lean keeps %s, which no instrumentation module of the bundled agent %s"
                + " is named: find their names now (otel.javaagent.debug=true lists them) and"
                + " change InstrumentationProfile.LEAN and docs/configuration.md#profiles.",
            unnamed, agent.version)
        .isEmpty();
  }

  @Test
  void theAgentStillRenamesTheApisAsThisTestExpects() {
    Set<String> constants =
        agent.stringConstants("io/opentelemetry/javaagent/tooling/RemappingUrlConnection");
    SHADING.forEach(
        (from, to) ->
            assertThat(constants)
                .withFailMessage(
                    "The bundled agent no longer renames %s to %s in extensions (its"
                        + " RemappingUrlConnection): update SHADING in AgentInternalsTest from"
                        + " the agent's source.",
                    from, to)
                .contains("#" + from, "#" + to));
  }

  @Test
  void aMemberOrNameTheAgentLacksIsReported() {
    MemberReference noSuchOverload =
        new MemberReference(
            "io/opentelemetry/instrumentation/api/internal/InstrumenterUtil",
            "startAndEnd",
            "(Lio/opentelemetry/instrumentation/api/instrumenter/Instrumenter;)"
                + "Lio/opentelemetry/context/Context;",
            true,
            false);

    assertThat(agent.missing("dev/custody/core/AgentInternals", noSuchOverload))
        .contains("InstrumenterUtil.startAndEnd", "dev.custody.core.AgentInternals", WHAT_TO_DO);
    assertThat(
            agent.awsSdkSpanContextAttributeProblem(
                "io.opentelemetry.javaagent.shaded.instrumentation.awssdk.v2_2.internal"
                    + ".TracingExecutionInterceptor.SpanContext"))
        .contains("TracingExecutionInterceptor.SpanContext", "isAwsSdkSpanContextAttribute");
  }

  private static References custodyClass(String name) {
    References references = custody.get(name);
    assertThat(references).as(dotted(name) + " on the class path").isNotNull();
    return references;
  }

  private static boolean isInternal(String type) {
    return type.startsWith("io/opentelemetry/") && type.contains("/internal/");
  }

  /**
   * An instrumentation setting or an experimental one: the agent promises to keep neither's name
   * ({@code otel.service.name} and the SDK's other settings it does).
   */
  private static boolean namesAnAgentSetting(String constant) {
    return constant.startsWith("otel.instrumentation.")
        || constant.startsWith("otel.java.experimental.");
  }

  private static boolean namesAnAgentClass(String constant) {
    return constant.startsWith("io.opentelemetry.javaagent.");
  }

  /** {@code type} as the agent names it once it has loaded the extension. */
  private static String shaded(String type) {
    String dotted = type.replace('/', '.');
    for (Map.Entry<String, String> rule : SHADING.entrySet()) {
      if (dotted.startsWith(rule.getKey() + ".")) {
        return (rule.getValue() + dotted.substring(rule.getKey().length())).replace('.', '/');
      }
    }
    return type;
  }

  private static String shadedDescriptor(String descriptor) {
    return new Remapper(Opcodes.ASM9) {
      @Override
      public String map(String internalName) {
        return shaded(internalName);
      }
    }.mapDesc(descriptor);
  }

  private static String missingClass(String user, String type) {
    return dotted(user)
        + " leans on "
        + dotted(type)
        + ", which the bundled agent "
        + agent.version
        + " no longer has (looked for "
        + dotted(shaded(type))
        + "). "
        + WHAT_TO_DO;
  }

  private static String dotted(String type) {
    return type.replace('/', '.');
  }

  /** Every Custody class on the class path (this module's tests aside), with what it reaches. */
  private static Map<String, References> custodyClasses() throws IOException, URISyntaxException {
    Map<String, References> classes = new TreeMap<>();
    Enumeration<URL> roots = AgentInternalsTest.class.getClassLoader().getResources("dev/custody/");
    while (roots.hasMoreElements()) {
      URL root = roots.nextElement();
      if (root.getProtocol().equals("file")) {
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
          for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
            References references = References.of(Files.readAllBytes(file));
            classes.put(references.name, references);
          }
        }
      } else {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          for (JarEntry entry : jar.stream().toList()) {
            if (entry.getName().startsWith("dev/custody/") && entry.getName().endsWith(".class")) {
              try (InputStream in = jar.getInputStream(entry)) {
                References references = References.of(in.readAllBytes());
                classes.put(references.name, references);
              }
            }
          }
        }
      }
    }
    classes.keySet().removeIf(name -> name.startsWith("dev/custody/agent/"));
    return classes;
  }

  /** A method or field a class reaches. */
  record MemberReference(
      String owner, String name, String descriptor, boolean isStatic, boolean isField) {

    String describe() {
      return dotted(owner) + "." + name + (isField ? " (a field, " : " (") + descriptor + ")";
    }
  }

  /** What one class reaches: the types it names, the members it calls, its string constants. */
  static final class References {

    final String name;
    final Set<String> types = new TreeSet<>();
    final Set<MemberReference> members = new HashSet<>();
    final Set<String> strings = new TreeSet<>();

    private References(String name) {
      this.name = name;
    }

    static References of(byte[] bytes) {
      ClassReader reader = new ClassReader(bytes);
      References references = new References(reader.getClassName());
      Remapper typeCollector =
          new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
              references.types.add(internalName);
              return internalName;
            }
          };
      reader.accept(new ClassRemapper(Opcodes.ASM9, new ClassWriter(0), typeCollector) {}, 0);
      reader.accept(references.memberCollector(), 0);
      references.types.remove(references.name);
      return references;
    }

    private ClassVisitor memberCollector() {
      return new ClassVisitor(Opcodes.ASM9) {
        @Override
        public FieldVisitor visitField(
            int access, String name, String descriptor, String signature, Object value) {
          if (value instanceof String constant) {
            strings.add(constant);
          }
          return null;
        }

        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(
                int opcode, String owner, String name, String descriptor, boolean isInterface) {
              members.add(
                  new MemberReference(
                      owner, name, descriptor, opcode == Opcodes.INVOKESTATIC, false));
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
              boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
              members.add(new MemberReference(owner, name, descriptor, isStatic, true));
            }

            @Override
            public void visitLdcInsn(Object value) {
              if (value instanceof String constant) {
                strings.add(constant);
              }
            }

            @Override
            public void visitInvokeDynamicInsn(
                String name, String descriptor, Handle bootstrap, Object... arguments) {
              for (Object argument : arguments) {
                if (argument instanceof Handle handle) {
                  boolean isField = handle.getTag() <= Opcodes.H_PUTSTATIC;
                  boolean isStatic =
                      handle.getTag() == Opcodes.H_INVOKESTATIC
                          || handle.getTag() == Opcodes.H_GETSTATIC
                          || handle.getTag() == Opcodes.H_PUTSTATIC;
                  members.add(
                      new MemberReference(
                          handle.getOwner(),
                          handle.getName(),
                          handle.getDesc(),
                          isStatic,
                          isField));
                }
              }
            }
          };
        }
      };
    }
  }

  /** The opentelemetry-javaagent jar the distribution bundles, as Maven resolved it. */
  static final class BundledAgent {

    final JarFile jar;
    final String version;
    private final Map<String, AgentClass> classes = new HashMap<>();

    private BundledAgent(JarFile jar) throws IOException {
      this.jar = jar;
      this.version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }

    static BundledAgent onClassPath() throws IOException, URISyntaxException {
      URL entryPoint =
          AgentInternalsTest.class
              .getClassLoader()
              .getResource("io/opentelemetry/javaagent/OpenTelemetryAgent.class");
      assertThat(entryPoint).as("the opentelemetry-javaagent jar on the class path").isNotNull();
      JarURLConnection connection = (JarURLConnection) entryPoint.openConnection();
      return new BundledAgent(new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile()));
    }

    /**
     * The agent's class named {@code type}: on the bootstrap class path (the jar's root) or in its
     * own class loader ({@code inst/}, as {@code .classdata}); null when it has none.
     */
    AgentClass find(String type) {
      return classes.computeIfAbsent(
          type,
          name -> {
            ZipEntry entry = jar.getEntry(name + ".class");
            if (entry == null) {
              entry = jar.getEntry("inst/" + name + ".classdata");
            }
            if (entry == null) {
              return null;
            }
            try (InputStream in = jar.getInputStream(entry)) {
              return AgentClass.of(in.readAllBytes());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }

    /** The string constants of the agent's instrumentation modules, their names among them. */
    Set<String> instrumentationModuleConstants() throws IOException {
      Set<String> constants = new TreeSet<>();
      for (JarEntry entry : jar.stream().toList()) {
        if (entry.getName().endsWith("InstrumentationModule.classdata")) {
          try (InputStream in = jar.getInputStream(entry)) {
            constants.addAll(References.of(in.readAllBytes()).strings);
          }
        }
      }
      return constants;
    }

    /** Those of {@code wanted} that are a string constant of one of the agent's classes. */
    Set<String> stringConstantsAmong(Set<String> wanted) throws IOException {
      Set<String> found = new TreeSet<>();
      for (JarEntry entry : jar.stream().toList()) {
        if (!entry.getName().endsWith(".class") && !entry.getName().endsWith(".classdata")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        if (wanted.stream().anyMatch(raw::contains)) {
          Set<String> constants = References.of(bytes).strings;
          wanted.stream().filter(constants::contains).forEach(found::add);
        }
      }
      return found;
    }

    Set<String> stringConstants(String type) {
      AgentClass found = find(type);
      assertThat(found).as(dotted(type) + " in the bundled agent").isNotNull();
      return References.of(found.bytes).strings;
    }

    /**
     * Why {@code member}, which {@code user} reaches, would not link in the agent; null when it
     * would: it must be there, public, static or not as called, in its class or a supertype.
     */
    String missing(String user, MemberReference member) {
      String owner = shaded(member.owner);
      String key = member.name + shadedDescriptor(member.descriptor);
      Integer access = access(owner, key, new TreeSet<>());
      boolean links =
          access != null
              && (access & Opcodes.ACC_PUBLIC) != 0
              && ((access & Opcodes.ACC_STATIC) != 0) == member.isStatic;
      if (links) {
        return null;
      }
      return dotted(user)
          + " leans on "
          + member.describe()
          + ", which the bundled agent "
          + version
          + (access == null ? " no longer has" : " no longer offers as public and as called")
          + " (looked for "
          + dotted(owner)
          + "."
          + key
          + "). "
          + WHAT_TO_DO;
    }

    private Integer access(String owner, String key, Set<String> seen) {
      AgentClass type = seen.add(owner) ? find(owner) : null;
      if (type == null) {
        return null;
      }
      Integer access = type.members.get(key);
      if (access != null) {
        return access;
      }
      List<String> supertypes = new ArrayList<>(type.interfaces);
      if (type.superName != null) {
        supertypes.add(0, type.superName);
      }
      for (String supertype : supertypes) {
        access = access(supertype, key, seen);
        if (access != null) {
          return access;
        }
      }
      return null;
    }

    /**
     * Why the agent's AWS SDK interceptor would not keep its span's context under {@code name};
     * null when it does: the interceptor the name starts with exists, makes an {@code
     * ExecutionAttribute} of exactly that name holding a (shaded) {@code Context}, and puts into
     * it.
     */
    String awsSdkSpanContextAttributeProblem(String name) {
      String interceptor = name.substring(0, name.lastIndexOf('.')).replace('.', '/');
      String advice =
          " AgentInternals.isAwsSdkSpanContextAttribute would match no attribute, so Custody"
              + " would record nothing on the agent's AWS SDK spans. Find the attribute in which"
              + " the agent's TracingExecutionInterceptor (aws-sdk-2.2) now keeps its span's"
              + " context, and change AWS_SDK_SPAN_CONTEXT_ATTRIBUTE in AgentInternals.";
      AgentClass type = find(interceptor);
      if (type == null) {
        return "The bundled agent " + version + " has no " + dotted(interceptor) + "." + advice;
      }
      String field = type.executionAttributes.get(name);
      if (field == null) {
        return "The bundled agent's "
            + dotted(interceptor)
            + " makes no ExecutionAttribute named "
            + name
            + " (it makes "
            + type.executionAttributes.keySet()
            + ")."
            + advice;
      }
      String signature = type.fieldSignatures.get(field);
      String context = shaded("io/opentelemetry/context/Context");
      if (signature == null || !signature.contains("<L" + context + ";>")) {
        return "The bundled agent's "
            + dotted(interceptor)
            + "."
            + field
            + " (named "
            + name
            + ") no longer holds a Context but "
            + signature
            + "."
            + advice;
      }
      if (!type.putInto.contains(field)) {
        return "The bundled agent's "
            + dotted(interceptor)
            + " no longer puts anything into "
            + field
            + " (named "
            + name
            + ")."
            + advice;
      }
      return null;
    }
  }

  /**
   * One of the agent's classes: its supertypes, members and their access, field signatures, and,
   * for an AWS SDK interceptor, the names of the execution attributes it makes (name to static
   * field) and the fields it puts into.
   */
  static final class AgentClass {

    final byte[] bytes;
    String superName;
    final List<String> interfaces = new ArrayList<>();
    final Map<String, Integer> members = new HashMap<>();
    final Map<String, String> fieldSignatures = new HashMap<>();
    final Map<String, String> executionAttributes = new TreeMap<>();
    final Set<String> putInto = new TreeSet<>();

    private AgentClass(byte[] bytes) {
      this.bytes = bytes;
    }

    static AgentClass of(byte[] bytes) {
      AgentClass type = new AgentClass(bytes);
      new ClassReader(bytes).accept(type.reader(), 0);
      return type;
    }

    private ClassVisitor reader() {
      return new ClassVisitor(Opcodes.ASM9) {
        @Override
        public void visit(
            int version,
            int access,
            String name,
            String signature,
            String superName,
            String[] interfaces) {
          AgentClass.this.superName = superName;
          AgentClass.this.interfaces.addAll(List.of(interfaces));
        }

        @Override
        public FieldVisitor visitField(
            int access, String name, String descriptor, String signature, Object value) {
          members.put(name + descriptor, access);
          if (signature != null) {
            fieldSignatures.put(name, signature);
          }
          return null;
        }

        @Override
        public MethodVisitor visitMethod(
            int access, String name, String descriptor, String signature, String[] exceptions) {
          members.put(name + descriptor, access);
          return new ExecutionAttributeReader();
        }
      };
    }

    /**
     * Follows {@code new ExecutionAttribute(name)} into a static field, the name built from class
     * literals and strings ({@code Interceptor.class.getName() + ".Context"}), and {@code
     * attributes.putAttribute(FIELD, value)}.
     */
    private final class ExecutionAttributeReader extends MethodVisitor {

      private StringBuilder name;
      private String made;
      private String lastStaticField;

      ExecutionAttributeReader() {
        super(Opcodes.ASM9);
      }

      @Override
      public void visitTypeInsn(int opcode, String type) {
        if (opcode == Opcodes.NEW && type.equals(EXECUTION_ATTRIBUTE)) {
          name = new StringBuilder();
        }
      }

      @Override
      public void visitLdcInsn(Object value) {
        if (name != null) {
          name.append(value instanceof Type type ? type.getClassName() : String.valueOf(value));
        }
      }

      @Override
      public void visitMethodInsn(
          int opcode, String owner, String method, String descriptor, boolean isInterface) {
        if (name != null && owner.equals(EXECUTION_ATTRIBUTE) && method.equals("<init>")) {
          made = name.toString();
          name = null;
        } else if (owner.equals(EXECUTION_ATTRIBUTES) && lastStaticField != null) {
          if (method.equals("putAttribute")) {
            putInto.add(lastStaticField);
          }
          lastStaticField = null;
        }
      }

      @Override
      public void visitFieldInsn(int opcode, String owner, String field, String descriptor) {
        if (opcode == Opcodes.PUTSTATIC && made != null) {
          executionAttributes.put(made, field);
          made = null;
        }
        lastStaticField = opcode == Opcodes.GETSTATIC ? field : lastStaticField;
      }
    }
  }
}
