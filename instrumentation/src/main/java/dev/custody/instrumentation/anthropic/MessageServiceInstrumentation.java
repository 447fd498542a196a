package dev.custody.instrumentation.anthropic;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.custody.instrumentation.stainless.StainlessServices;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code messages.create} of the blocking and the asynchronous message services (not the beta ones,
 * which the SDK's own tool runner uses): one model call.
 */
public final class MessageServiceInstrumentation implements TypeInstrumentation {

  private static final String PARAMS = "com.anthropic.models.messages.MessageCreateParams";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.anthropic.services.blocking.MessageServiceImpl")
        .or(named("com.anthropic.services.async.MessageServiceAsyncImpl"));
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        StainlessServices.call("create", PARAMS)
            .and(
                returns(named("com.anthropic.models.messages.Message"))
                    .or(returns(CompletableFuture.class))),
        getClass().getName() + "$CreateAdvice");
  }

  @SuppressWarnings("unused")
  public static class CreateAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static AnthropicCall onEnter(
        @Advice.This Object service, @Advice.Argument(0) Object params) {
      return AnthropicCalls.start(service, params);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter AnthropicCall call,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable error) {
      returned = AnthropicCalls.end(call, returned, error);
    }
  }
}
