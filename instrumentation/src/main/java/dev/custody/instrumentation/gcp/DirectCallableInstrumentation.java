package dev.custody.instrumentation.gcp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.google.api.core.ApiFuture;
import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * gax's innermost unary call of each transport, one per attempt, which every way of calling a
 * Google Cloud client reaches (its blocking methods, its callables' futures), over gRPC or
 * HTTP/JSON.
 */
public final class DirectCallableInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.google.api.gax.grpc.GrpcDirectCallable")
        .or(named("com.google.api.gax.httpjson.HttpJsonDirectCallable"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("futureCall").and(takesArguments(2)), getClass().getName() + "$FutureCallAdvice");
  }

  @SuppressWarnings("unused")
  public static class FutureCallAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RunningOperation<CredentialOperation, Obtained> onEnter(
        @Advice.Argument(0) Object request) {
      return SecretManagerCalls.start(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter RunningOperation<CredentialOperation, Obtained> fetch,
        @Advice.Argument(0) Object request,
        @Advice.Return ApiFuture<?> future,
        @Advice.Thrown Throwable error) {
      SecretManagerCalls.end(fetch, request, future, error);
    }
  }
}
