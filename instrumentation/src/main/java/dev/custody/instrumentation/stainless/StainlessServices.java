package dev.custody.instrumentation.stainless;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The services of the Java SDKs that Stainless generates (OpenAI's and Anthropic's): each call
 * takes its parameters object, then the request options.
 */
public final class StainlessServices {

  private StainlessServices() {}

  /**
   * The service method {@code name(params, requestOptions)} whose params are {@code paramsType}.
   */
  public static ElementMatcher.Junction<MethodDescription> call(String name, String paramsType) {
    return named(name).and(takesArguments(2)).and(takesArgument(0, named(paramsType)));
  }
}
