package dev.custody.instrumentation.opa;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A copy of the first {@link OpaRequest#MAX_BODY} bytes of a body, taken as the body passes to or
 * from the client.
 */
final class BoundedCopy {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private boolean truncated;

  synchronized void keep(byte[] b, int off, int len) {
    int kept = Math.min(len, OpaRequest.MAX_BODY - bytes.size());
    truncated |= kept < len;
    bytes.write(b, off, kept);
  }

  void keep(ByteBuffer item) {
    ByteBuffer unread = item.duplicate(); // the application reads the original
    byte[] chunk = new byte[unread.remaining()];
    unread.get(chunk);
    keep(chunk, 0, chunk.length);
  }

  synchronized byte[] bytes() {
    return bytes.toByteArray();
  }

  /** Nothing was cut off. */
  synchronized boolean whole() {
    return !truncated;
  }
}
