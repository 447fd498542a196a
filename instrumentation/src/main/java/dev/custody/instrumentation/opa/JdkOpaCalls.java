package dev.custody.instrumentation.opa;

import io.opentelemetry.javaagent.bootstrap.CallDepth;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * OPA decisions asked through the JDK's {@code HttpClient} ({@code send} and {@code sendAsync}),
 * which the OPA Java SDK uses too. The answer is read as the application's body handler receives
 * it, by a copy of the bytes it is given.
 */
public final class JdkOpaCalls {

  /**
   * The JDK's in-memory request bodies ({@code ofString}, {@code ofByteArray}), which can be read
   * again.
   */
  private static final List<String> REPLAYABLE_BODIES =
      List.of(
          "jdk.internal.net.http.RequestPublishers$ByteArrayPublisher",
          "jdk.internal.net.http.RequestPublishers$StringPublisher");

  private JdkOpaCalls() {}

  /**
   * {@code send}/{@code sendAsync} entry: the decision, when the request asks OPA for one (not when
   * nested).
   */
  public static OpaCall start(HttpRequest request) {
    if (CallDepth.forClass(JdkOpaCalls.class).getAndIncrement() > 0) {
      return null;
    }
    OpaRequest opa = OpaRequest.recognise(request.method(), request.uri(), () -> replay(request));
    return opa == null ? null : OpaCall.start(opa);
  }

  /** The application's body handler, wrapped so the answer is also read for the decision. */
  public static <T> HttpResponse.BodyHandler<T> observe(
      OpaCall call, HttpResponse.BodyHandler<T> handler) {
    return responseInfo ->
        new CopyingSubscriber<>(handler.apply(responseInfo), call, responseInfo.statusCode());
  }

  /**
   * {@code send}/{@code sendAsync} exit; an asynchronous call is handed over (or fails) when its
   * future completes.
   */
  public static void exit(OpaCall call, Object returned, Throwable error) {
    if (CallDepth.forClass(JdkOpaCalls.class).decrementAndGet() > 0 || call == null) {
      return;
    }
    call.leave();
    if (error != null) {
      call.failed(error);
    } else if (returned instanceof CompletableFuture<?> response) {
      // After the agent's own completion of its HTTP span, which it chained first.
      response.whenComplete(
          (answer, failure) -> {
            if (failure != null) {
              call.failed(failure);
            } else {
              call.returned();
            }
          });
    } else {
      call.returned();
    }
  }

  private static byte[] replay(HttpRequest request) {
    HttpRequest.BodyPublisher body = request.bodyPublisher().orElse(null);
    if (body == null
        || !REPLAYABLE_BODIES.contains(body.getClass().getName())
        || body.contentLength() < 0
        || body.contentLength() > OpaRequest.MAX_BODY) {
      return null;
    }
    BodyReader reader = new BodyReader();
    body.subscribe(reader); // these publishers hand over their bytes synchronously
    return reader.complete ? reader.bytes.toByteArray() : null;
  }

  /** Collects a replayable request body. */
  static final class BodyReader implements Flow.Subscriber<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean complete;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {
      complete = true;
    }
  }

  /**
   * Passes the answer to the application's subscriber and keeps a copy of its first {@link
   * OpaRequest#MAX_BODY}. It is also the subscription the application's subscriber sees: one that
   * cancels (an {@code ofInputStream} body closed before its end) receives no more of the answer,
   * so the decision ends there with what was read.
   */
  static final class CopyingSubscriber<T>
      implements HttpResponse.BodySubscriber<T>, Flow.Subscription {
    private final HttpResponse.BodySubscriber<T> application;
    private final OpaCall call;
    private final int status;
    private final BoundedCopy copy = new BoundedCopy();
    private Flow.Subscription upstream;

    CopyingSubscriber(HttpResponse.BodySubscriber<T> application, OpaCall call, int status) {
      this.application = application;
      this.call = call;
      this.status = status;
    }

    @Override
    public CompletionStage<T> getBody() {
      return application.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      application.onSubscribe(this);
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      answered();
      upstream.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      items.forEach(copy::keep);
      application.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
      call.failed(error);
      application.onError(error);
    }

    @Override
    public void onComplete() {
      answered();
      application.onComplete();
    }

    private void answered() {
      call.answered(status, copy.bytes(), copy.whole());
    }
  }
}
