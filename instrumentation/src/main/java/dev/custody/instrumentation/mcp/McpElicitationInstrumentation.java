package dev.custody.instrumentation.mcp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * A server's tool asks the client's user ({@code elicitation/create}): the sync exchange delegates
 * to the async one, whose answer is a lazy {@code Mono}, traced from the question to the answer.
 */
public final class McpElicitationInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.modelcontextprotocol.server.McpAsyncServerExchange");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("createElicitation").and(takesArguments(1)),
        getClass().getName() + "$CreateElicitationAdvice");
  }

  @SuppressWarnings("unused")
  public static class CreateElicitationAdvice {

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void onExit(
        @Advice.This McpAsyncServerExchange exchange,
        @Advice.Argument(0) Object request,
        @Advice.Return(readOnly = false) Mono<ElicitResult> answer) {
      answer = McpElicitations.traced(exchange, request, answer);
    }
  }
}
