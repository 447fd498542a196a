package dev.custody.instrumentation.langchain4j;

import static io.opentelemetry.javaagent.extension.matcher.AgentElementMatchers.implementsInterface;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the chat model instrumentations hook, blocking and streaming alike: each implementation of a
 * model interface, and its {@code doChat(ChatRequest, ...)}, one real model call.
 */
final class ChatModelMatchers {

  private ChatModelMatchers() {}

  /** The classes that implement {@code modelInterface}, not the interfaces that extend it. */
  static ElementMatcher<TypeDescription> implementationsOf(String modelInterface) {
    return implementsInterface(named(modelInterface)).and(not(isInterface()));
  }

  /** An implemented {@code doChat} with {@code arguments} arguments, the request first. */
  static ElementMatcher.Junction<MethodDescription> doChat(int arguments) {
    return named("doChat")
        .and(takesArguments(arguments))
        .and(takesArgument(0, named("dev.langchain4j.model.chat.request.ChatRequest")))
        .and(not(isAbstract()));
  }
}
