package dev.custody.instrumentation.kubernetes;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;

import dev.custody.instrumentation.CoreHelpers;
import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Kubernetes service-account tokens read by the official Java client: each new token in the
 * projected token file is a credential fetch.
 *
 * <p>Why the client's token-file read and not every read of a file: in a pod, the client reads the
 * token where {@code ClientBuilder.cluster()} and {@code standard()} configure it, through {@code
 * TokenFileAuthentication}, and re-reads it on every refresh period to pick up the kubelet's
 * rotations; that one method sees each read with its path and nothing else. Watching file reads
 * instead would mean instrumenting the JDK's file system classes, which the agent leaves alone, on
 * every read of every file.
 */
public final class ClientJavaInstrumentationModule extends InstrumentationModule {

  public ClientJavaInstrumentationModule() {
    super("custody-kubernetes-client-java", "custody-kubernetes", "custody");
  }

  @Override
  public ElementMatcher.Junction<ClassLoader> classLoaderMatcher() {
    return hasClassesNamed("io.kubernetes.client.util.credentials.TokenFileAuthentication");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(
        new TokenFileAuthenticationInstrumentation(), new RefreshAuthenticationInstrumentation());
  }

  @Override
  public List<String> getAdditionalHelperClassNames() {
    return CoreHelpers.withCaseApi("dev.custody.instrumentation.kubernetes.ServiceAccountTokens");
  }
}
