package dev.custody.instrumentation.opa;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK client's {@code send(request, handler)} and {@code sendAsync(request, handler[,
 * pushHandler])}.
 */
public final class HttpClientImplInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("send").and(isPublic()).and(takesArguments(2)), getClass().getName() + "$SendAdvice");
    transformer.applyAdviceToMethod(
        named("sendAsync")
            .and(isPublic())
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        getClass().getName() + "$SendAdvice");
  }

  @SuppressWarnings("unused")
  public static final class SendAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpaCall enter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler<?> handler) {
      OpaCall call = JdkOpaCalls.start(request);
      if (call != null && handler != null) {
        handler = JdkOpaCalls.observe(call, handler);
      }
      return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.Enter OpaCall call,
        @Advice.Return Object returned,
        @Advice.Thrown Throwable error) {
      JdkOpaCalls.exit(call, returned, error);
    }
  }
}
