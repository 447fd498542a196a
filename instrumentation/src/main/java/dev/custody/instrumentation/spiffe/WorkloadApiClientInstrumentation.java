package dev.custody.instrumentation.spiffe;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.custody.core.RunningOperation;
import dev.custody.core.credentials.CredentialOperation;
import dev.custody.core.credentials.CredentialSpans.Obtained;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code DefaultWorkloadApiClient}'s four JWT-SVID fetches, none calling another: each asks the
 * Workload API. Every {@code JwtSource} fetches through them ({@code DefaultJwtSource} each time,
 * {@code CachedJwtSource} on a cache miss), so a hook here sees each real fetch once and no cache
 * hit.
 */
public final class WorkloadApiClientInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.spiffe.workloadapi.DefaultWorkloadApiClient");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("fetchJwtSvid").or(named("fetchJwtSvids")).and(isPublic()),
        getClass().getName() + "$FetchAdvice");
  }

  @SuppressWarnings("unused")
  public static class FetchAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RunningOperation<CredentialOperation, Obtained> onEnter(
        @Advice.AllArguments Object[] arguments) {
      return SpiffeSvids.jwtRequested(arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter RunningOperation<CredentialOperation, Obtained> fetch,
        @Advice.Return Object svids,
        @Advice.Thrown Throwable error) {
      SpiffeSvids.jwtReturned(fetch, svids, error);
    }
  }
}
