package dev.custody.autoconfigure;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import dev.custody.core.scrub.SecretScrubber;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import java.util.List;

/**
 * The agent describes the process by its command line, where services often pass secrets ({@code
 * -Ddb.password=...}, {@code --api-key ...}): every resource carries it, so it is scrubbed before any export.
 */
final class ProcessResourceScrubber {

  static final AttributeKey<String> COMMAND_LINE = stringKey("process.command_line");
  static final AttributeKey<String> COMMAND = stringKey("process.command");
  static final AttributeKey<List<String>> COMMAND_ARGS = stringArrayKey("process.command_args");

  private ProcessResourceScrubber() {}

  static Resource scrub(Resource resource) {
    ResourceBuilder builder = resource.toBuilder();
    for (AttributeKey<String> key : List.of(COMMAND_LINE, COMMAND)) {
      String value = resource.getAttribute(key);
      if (value != null) {
        builder.put(key, SecretScrubber.scrub(value));
      }
    }
    List<String> args = resource.getAttribute(COMMAND_ARGS);
    if (args != null) {
      builder.put(COMMAND_ARGS, args.stream().map(SecretScrubber::scrub).toList());
    }
    return builder.build();
  }
}
