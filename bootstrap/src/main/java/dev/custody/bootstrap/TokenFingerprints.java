package dev.custody.bootstrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Keyed 64-bit fingerprints of short tokens (SipHash-2-4, the key random per JVM): fast enough to
 * fingerprint every word of a prompt, and meaningless outside the process. Used where a case must
 * remember which tokens it sent without keeping them ({@link SentTokens}).
 */
final class TokenFingerprints {

  private static final long K0;
  private static final long K1;

  static {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    ByteBuffer buffer = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
    K0 = buffer.getLong();
    K1 = buffer.getLong();
  }

  private TokenFingerprints() {}

  /** The fingerprint of {@code text[start, end)}, never 0 (the empty slot of a table). */
  static long of(String text, int start, int end) {
    byte[] bytes = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
    long[] v = {
      0x736f6d6570736575L ^ K0,
      0x646f72616e646f6dL ^ K1,
      0x6c7967656e657261L ^ K0,
      0x7465646279746573L ^ K1
    };
    int blocks = bytes.length / 8;
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < blocks; i++) {
      absorb(v, in.getLong());
    }
    long last = ((long) bytes.length & 0xff) << 56;
    for (int i = 0; i < bytes.length % 8; i++) {
      last |= (bytes[blocks * 8 + i] & 0xffL) << (8 * i);
    }
    absorb(v, last);
    v[2] ^= 0xff;
    rounds(v, 4);
    long hash = v[0] ^ v[1] ^ v[2] ^ v[3];
    return hash == 0 ? 1 : hash;
  }

  private static void absorb(long[] v, long word) {
    v[3] ^= word;
    rounds(v, 2);
    v[0] ^= word;
  }

  private static void rounds(long[] v, int count) {
    for (int round = 0; round < count; round++) {
      v[0] += v[1];
      v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
      v[0] = Long.rotateLeft(v[0], 32);
      v[2] += v[3];
      v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
      v[0] += v[3];
      v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
      v[2] += v[1];
      v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
      v[2] = Long.rotateLeft(v[2], 32);
    }
  }
}
