package dev.custody.instrumentation.opa;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.opentelemetry.javaagent.extension.instrumentation.TypeInstrumentation;
import io.opentelemetry.javaagent.extension.instrumentation.TypeTransformer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's {@code HttpURLConnection} (also behind {@code https} URLs): the methods the agent's own
 * advice starts and ends its HTTP span in.
 */
public final class UrlConnectionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public void transform(TypeTransformer transformer) {
    transformer.applyAdviceToMethod(
        isPublic().and(named("connect")).and(takesArguments(0)),
        getClass().getName() + "$ConnectAdvice");
    transformer.applyAdviceToMethod(
        isPublic().and(named("getOutputStream")).and(takesArguments(0)),
        getClass().getName() + "$SendAdvice");
    transformer.applyAdviceToMethod(
        isPublic().and(named("getInputStream")).and(takesArguments(0)),
        getClass().getName() + "$AnswerAdvice");
  }

  @SuppressWarnings("unused")
  public static final class ConnectAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpaCall enter(@Advice.This HttpURLConnection connection) {
      return UrlConnectionOpaCalls.enter(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter OpaCall started) {
      UrlConnectionOpaCalls.connected(started);
    }
  }

  @SuppressWarnings("unused")
  public static final class SendAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpaCall enter(@Advice.This HttpURLConnection connection) {
      return UrlConnectionOpaCalls.enter(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This HttpURLConnection connection,
        @Advice.Enter OpaCall started,
        @Advice.Return(readOnly = false) OutputStream body) {
      body = UrlConnectionOpaCalls.sending(started, connection, body);
    }
  }

  @SuppressWarnings("unused")
  public static final class AnswerAdvice {

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static OpaCall enter(@Advice.This HttpURLConnection connection) {
      return UrlConnectionOpaCalls.enter(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(
        @Advice.This HttpURLConnection connection,
        @Advice.Enter OpaCall started,
        @Advice.FieldValue("responseCode") int status,
        @Advice.Return(readOnly = false) InputStream body,
        @Advice.Thrown Throwable error) {
      body = UrlConnectionOpaCalls.answered(started, connection, status, body, error);
    }
  }
}
