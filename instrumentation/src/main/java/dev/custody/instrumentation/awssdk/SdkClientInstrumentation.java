package dev.custody.instrumentation.awssdk;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * No advice: matching the SDK's client interface is what makes the agent inject the helpers and
 * serve the interceptor list in whichever class loader loads the SDK, before any client is built.
 */
public final class SdkClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("software.amazon.awssdk.core.SdkClient");
  }

  @Override
  public void transform(TypeTransformer transformer) {}
}
