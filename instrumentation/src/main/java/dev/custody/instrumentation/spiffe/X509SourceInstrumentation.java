package dev.custody.instrumentation.spiffe;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code DefaultX509Source}: {@code newSource(options)}, which every way of building one reaches,
 * blocks until the Workload API sent the first X.509 context; {@code setX509Context} applies each
 * later one (a rotation) on the Workload API client's threads.
 */
public final class X509SourceInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.spiffe.workloadapi.DefaultX509Source");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        named("newSource").and(isStatic()).and(takesArguments(1)),
        getClass().getName() + "$NewSourceAdvice");
    transformer.applyAdviceToMethod(
        named("setX509Context").and(takesArguments(1)),
        getClass().getName() + "$SetX509ContextAdvice");
  }

  @SuppressWarnings("unused")
  public static class NewSourceAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static SpiffeSvids.SourceFetch onEnter() {
      return SpiffeSvids.sourceRequested();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.Enter SpiffeSvids.SourceFetch fetch,
        @Advice.Return Object source,
        @Advice.Thrown Throwable error) {
      SpiffeSvids.sourceReturned(fetch, source, error);
    }
  }

  @SuppressWarnings("unused")
  public static class SetX509ContextAdvice {

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object source, @Advice.Thrown Throwable error) {
      SpiffeSvids.rotated(source, error);
    }
  }
}
