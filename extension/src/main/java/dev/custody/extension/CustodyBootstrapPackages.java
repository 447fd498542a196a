package dev.custody.extension;

import io.opentelemetry.javaagent.tooling.bootstrap.BootstrapPackagesBuilder;
import io.opentelemetry.javaagent.tooling.bootstrap.BootstrapPackagesConfigurer;

/**
 * Tells the agent that {@code dev.custody.bootstrap} lives on the bootstrap class path (the agent
 * jar puts it there), so every class loader, OSGi and application servers included, delegates it
 * there and sees one copy.
 */
public final class CustodyBootstrapPackages implements BootstrapPackagesConfigurer {

  @Override
  public void configure(BootstrapPackagesBuilder builder) {
    builder.add("dev.custody.bootstrap");
  }
}
