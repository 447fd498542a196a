package dev.custody.exporter.scrub;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Scrubs the resource, which every span, log record and metric carries: the agent describes the process by its
 * command line, where services often pass secrets ({@code -Ddb.password=...}, {@code --api-key ...}), and resource
 * attributes come from the environment ({@code OTEL_RESOURCE_ATTRIBUTES}).
 */
public final class ResourceScrubber {

  private ResourceScrubber() {}

  public static Resource scrub(Resource resource) {
    Attributes attributes = TelemetryScrubber.get().attributes(resource.getAttributes());
    return attributes == resource.getAttributes() ? resource : Resource.create(attributes, resource.getSchemaUrl());
  }
}
