package dev.custody.instrumentation.openai;

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
 * The asynchronous chat completion service, called inside the agent's {@code chat} span, which ends
 * when the future it returns completes: the future is replaced by one that reads the answer's tool
 * calls first.
 */
public final class ChatCompletionServiceAsyncInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.async.chat.ChatCompletionServiceAsyncImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        StainlessServices.call("create", ChatCompletionServiceInstrumentation.PARAMS)
            .and(returns(CompletableFuture.class)),
        getClass().getName() + "$CreateAdvice");
  }

  @SuppressWarnings("unused")
  public static class CreateAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC)
            CompletableFuture<?> future) {
      future = OpenAiChatSpans.completedAsync(future);
    }
  }
}
