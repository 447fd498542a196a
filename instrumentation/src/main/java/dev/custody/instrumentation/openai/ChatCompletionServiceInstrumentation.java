package dev.custody.instrumentation.openai;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.custody.instrumentation.stainless.StainlessServices;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The blocking chat completion service, called inside the agent's {@code chat} span: where the
 * answer is read for the tool calls it asks for while that span is still open.
 */
public final class ChatCompletionServiceInstrumentation implements TypeInstrumentation {

  static final String PARAMS = "com.openai.models.chat.completions.ChatCompletionCreateParams";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.openai.services.blocking.chat.ChatCompletionServiceImpl");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        StainlessServices.call("create", PARAMS)
            .and(returns(named("com.openai.models.chat.completions.ChatCompletion"))),
        getClass().getName() + "$CreateAdvice");
    transformer.applyAdviceToMethod(
        StainlessServices.call("createStreaming", PARAMS),
        getClass().getName() + "$CreateStreamingAdvice");
  }

  @SuppressWarnings("unused")
  public static class CreateAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(@Advice.Return Object completion) {
      OpenAiChatSpans.completed(completion);
    }
  }

  @SuppressWarnings("unused")
  public static class CreateStreamingAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream) {
      stream = OpenAiChatSpans.streamed(stream);
    }
  }
}
