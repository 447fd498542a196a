package dev.custody.instrumentation.opa;

import dev.custody.core.AgentInternals;
import io.opentelemetry.javaagent.bootstrap.CallDepth;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;

/**
 * OPA decisions asked with {@code HttpURLConnection} (Spring's {@code RestTemplate} by default,
 * many SDKs). Its HTTP span starts at the first of {@code connect}, {@code getOutputStream} and
 * {@code getInputStream}, before the body is written: the decision starts there too, so a {@code
 * POST} is recognised at a configured OPA endpoint only (by path), a {@code GET} also by its {@code
 * input} parameter. The body is read as the application writes it, the answer as it reads it.
 */
public final class UrlConnectionOpaCalls {

  /** The decision of each connection that asks OPA, from its first call to the answer. */
  private static final AgentInternals.Cache<HttpURLConnection, Exchange> EXCHANGES =
      AgentInternals.weakCache();

  private UrlConnectionOpaCalls() {}

  /**
   * {@code connect}/{@code getOutputStream}/{@code getInputStream} entry: the first on an OPA
   * request starts its decision, made current while the call runs; null otherwise, and when nested.
   */
  public static OpaCall enter(HttpURLConnection connection) {
    if (CallDepth.forClass(UrlConnectionOpaCalls.class).getAndIncrement() > 0
        || EXCHANGES.get(connection) != null) {
      return null;
    }
    OpaRequest opa;
    try {
      opa =
          OpaRequest.recognise(
              connection.getRequestMethod(), connection.getURL().toURI(), () -> null);
    } catch (URISyntaxException notAUri) {
      return null;
    }
    OpaCall call = opa == null ? null : OpaCall.start(opa);
    if (call != null) {
      EXCHANGES.put(connection, new Exchange(call));
    }
    return call;
  }

  /** {@code connect} exit. */
  public static void connected(OpaCall started) {
    exit(started);
  }

  /** {@code getOutputStream} exit: the stream the body is written to is copied for the input. */
  public static OutputStream sending(
      OpaCall started, HttpURLConnection connection, OutputStream body) {
    if (!exit(started)) {
      return body;
    }
    Exchange exchange = EXCHANGES.get(connection);
    if (exchange == null || body == null) {
      return body;
    }
    exchange.request = new RequestCopy(body, exchange.call);
    return exchange.request;
  }

  /**
   * {@code getInputStream} exit: the response is handed over, its body copied for the answer. An
   * error status throws instead: OPA's error (the status) is the answer then.
   */
  public static InputStream answered(
      OpaCall started,
      HttpURLConnection connection,
      int status,
      InputStream body,
      Throwable error) {
    if (!exit(started)) {
      return body;
    }
    Exchange exchange = EXCHANGES.get(connection);
    if (exchange == null) {
      return body;
    }
    if (exchange.request != null) {
      exchange.request
          .sent(); // written in full once the response is asked for, whether closed or not
    }
    OpaCall call = exchange.call;
    if (error != null && status < 400) {
      call.failed(error);
      return body;
    }
    if (error != null) {
      call.answered(status, new byte[0], false);
    }
    call.returned();
    return body == null ? null : new AnswerCopy(body, call, status);
  }

  /**
   * Leaves the decision a call started; false for a nested call, whose caller's exit does the work.
   */
  private static boolean exit(OpaCall started) {
    if (started != null) {
      started.leave();
    }
    return CallDepth.forClass(UrlConnectionOpaCalls.class).decrementAndGet() == 0;
  }

  /**
   * A connection's decision and, once the application asked for it, the copy of the body it writes.
   */
  static final class Exchange {
    final OpaCall call;
    volatile RequestCopy request;

    Exchange(OpaCall call) {
      this.call = call;
    }
  }

  /** Writes through to the connection and keeps a copy of what was written. */
  static final class RequestCopy extends FilterOutputStream {
    private final OpaCall call;
    private final BoundedCopy copy = new BoundedCopy();

    RequestCopy(OutputStream connection, OpaCall call) {
      super(connection);
      this.call = call;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      copy.keep(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      copy.keep(b, off, len);
    }

    @Override
    public void close() throws IOException {
      sent();
      super.close();
    }

    /** The body as written, unless it was longer than what is kept. */
    void sent() {
      if (copy.whole()) {
        call.sent(copy.bytes());
      }
    }
  }

  /** Reads through from the connection and keeps a copy of what was read. */
  static final class AnswerCopy extends FilterInputStream {
    private final OpaCall call;
    private final int status;
    private final BoundedCopy copy = new BoundedCopy();

    AnswerCopy(InputStream connection, OpaCall call, int status) {
      super(connection);
      this.call = call;
      this.status = status;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        answered();
      } else {
        copy.keep(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int read = in.read(b, off, len);
      if (read < 0) {
        answered();
      } else {
        copy.keep(b, off, read);
      }
      return read;
    }

    /** Closed before its end: the decision ends with what was read. */
    @Override
    public void close() throws IOException {
      answered();
      super.close();
    }

    private void answered() {
      call.answered(status, copy.bytes(), copy.whole());
    }
  }
}
