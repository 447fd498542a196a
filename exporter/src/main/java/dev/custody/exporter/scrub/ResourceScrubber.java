package dev.custody.exporter.scrub;

import dev.custody.bootstrap.KnownSecrets;
import dev.custody.bootstrap.SecretIndex;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Scrubs the resource, which every span, log record and metric carries: the agent describes the
 * process by its command line, where services often pass secrets ({@code -Ddb.password=...}, {@code
 * --api-key ...}), and resource attributes come from the environment ({@code
 * OTEL_RESOURCE_ATTRIBUTES}). Scrubbed once at start-up, and again on the way out whenever the
 * known secrets changed since: a value fetched later may be on the command line too.
 */
public final class ResourceScrubber {

  private record Scrubbed(Resource raw, SecretIndex knownSecrets, Resource scrubbed) {}

  private static volatile Scrubbed last;

  private ResourceScrubber() {}

  /**
   * The resource scrubbed with the secrets known now; the same instance when nothing in it needs
   * scrubbing.
   */
  public static Resource scrub(Resource resource) {
    SecretIndex knownSecrets = KnownSecrets.index();
    Scrubbed cached = last;
    if (cached != null && cached.raw() == resource && cached.knownSecrets() == knownSecrets) {
      return cached.scrubbed();
    }
    Attributes attributes = TelemetryScrubber.get().attributes(resource.getAttributes());
    Resource scrubbed =
        attributes == resource.getAttributes()
            ? resource
            : Resource.create(attributes, resource.getSchemaUrl());
    last = new Scrubbed(resource, knownSecrets, scrubbed);
    return scrubbed;
  }
}
