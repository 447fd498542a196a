package dev.custody.instrumentation.azure;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.extendsClass;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.hasClassesNamed;
import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.time.Instant;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * The {@code getToken} and {@code getTokenSync} each Azure Identity credential declares. Chained
 * credentials (the default one among them) only try others, which are instrumented themselves.
 */
public final class TokenCredentialInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<ClassLoader> classLoaderOptimization() {
    return hasClassesNamed("com.azure.core.credential.TokenCredential");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return nameStartsWith("com.azure.identity.")
        .and(not(isAbstract()))
        .and(implementsInterface(named("com.azure.core.credential.TokenCredential")))
        .and(not(extendsClass(named("com.azure.identity.ChainedTokenCredential"))));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic()
            .and(named("getTokenSync"))
            .and(takesArguments(1))
            .and(returns(named("com.azure.core.credential.AccessToken"))),
        getClass().getName() + "$GetTokenSyncAdvice");
    transformer.applyAdviceToMethod(
        isPublic()
            .and(named("getToken"))
            .and(takesArguments(1))
            .and(returns(named("reactor.core.publisher.Mono"))),
        getClass().getName() + "$GetTokenAdvice");
  }

  @SuppressWarnings("unused")
  public static class GetTokenSyncAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Instant onEnter() {
      return Instant.now();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object credential,
        @Advice.Argument(0) Object request,
        @Advice.Enter Instant start,
        @Advice.Return Object token,
        @Advice.Thrown Throwable error) {
      AzureTokens.returned(credential, request, token, error, start);
    }
  }

  @SuppressWarnings("unused")
  public static class GetTokenAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object credential,
        @Advice.Argument(0) Object request,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Mono<?> token) {
      token = AzureTokens.observe(credential, request, token);
    }
  }
}
