package dev.custody.exporter.limits;

import dev.custody.core.config.CustodyConfig;
import dev.custody.core.content.ContentHasher;

/**
 * Cuts a string over the export bound: whatever an outsider sends (an A2A task id, an MCP session
 * id, a header) may become an attribute, and one value of megabytes makes its whole batch too large
 * for a collector (4 MiB per gRPC message by default), which then loses every span in it. The bound
 * is 64 Ki characters, or {@code custody.capture.max_length} when that is larger, so what Custody
 * captures is never cut twice. The cut value ends with {@code [CUT:<length> chars, sha256:<hex>]},
 * the length and hash of the value before scrubbing, so whoever holds the original can prove it.
 */
public final class LongValues {

  static final int LONGEST_DEFAULT = 64 * 1024;

  private LongValues() {}

  /** {@code exported} cut to the bound, hashing {@code original}; the same instance when short. */
  public static String bounded(String original, String exported) {
    int longest = Math.max(LONGEST_DEFAULT, CustodyConfig.current().maxLength());
    return exported.length() <= longest ? exported : cut(original, exported, longest);
  }

  static String cut(String original, String exported, int longest) {
    int end = Character.isHighSurrogate(exported.charAt(longest - 1)) ? longest - 1 : longest;
    CustodyConfig config = CustodyConfig.current();
    return exported.substring(0, end)
        + "[CUT:"
        + original.length()
        + " chars, "
        + ContentHasher.hash(original, config.hashKey())
        + "]";
  }
}
