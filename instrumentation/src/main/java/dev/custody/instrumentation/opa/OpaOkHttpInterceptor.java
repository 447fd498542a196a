package dev.custody.instrumentation.opa;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Sees each request of an OkHttp client as the application made it; a request asking OPA becomes a
 * decision. What the interceptor records never changes or fails the call.
 */
public final class OpaOkHttpInterceptor implements Interceptor {

  private static final OpaOkHttpInterceptor INSTANCE = new OpaOkHttpInterceptor();

  public static void addTo(OkHttpClient.Builder builder) {
    if (!builder.interceptors().contains(INSTANCE)) {
      builder.interceptors().add(INSTANCE);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    OpaCall call = start(request);
    if (call == null) {
      return chain.proceed(request);
    }
    try {
      Response response = chain.proceed(request);
      answer(call, response);
      return response;
    } catch (IOException | RuntimeException | Error e) {
      call.failed(e);
      throw e;
    } finally {
      call.leave();
      call.returned();
    }
  }

  private static OpaCall start(Request request) {
    try {
      OpaRequest opa =
          OpaRequest.recognise(request.method(), request.url().uri(), () -> replay(request.body()));
      return opa == null ? null : OpaCall.start(opa);
    } catch (RuntimeException unexpected) {
      return null;
    }
  }

  /** Reads a copy of the answer, leaving the response to the application as it came. */
  private static void answer(OpaCall call, Response response) {
    try {
      byte[] answer = response.peekBody(OpaRequest.MAX_BODY + 1L).bytes();
      call.answered(response.code(), answer, answer.length <= OpaRequest.MAX_BODY);
    } catch (IOException | RuntimeException unreadable) {
      call.answered(response.code(), new byte[0], false);
    }
  }

  /** The request body, when it can be written twice and is small; null otherwise. */
  private static byte[] replay(RequestBody body) {
    try {
      if (body == null
          || body.isOneShot()
          || body.isDuplex()
          || body.contentLength() < 0
          || body.contentLength() > OpaRequest.MAX_BODY) {
        return null;
      }
      Buffer copy = new Buffer();
      body.writeTo(copy);
      return copy.readByteArray();
    } catch (IOException unreadable) {
      return null;
    }
  }
}
