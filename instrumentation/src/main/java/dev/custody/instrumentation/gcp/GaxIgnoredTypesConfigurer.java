package dev.custody.instrumentation.gcp;

import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesBuilder;
import io.opentelemetry.javaagent.extension.ignore.IgnoredTypesConfigurer;

/**
 * The agent leaves {@code com.google.api.} alone by default. Secrets are accessed in gax's direct
 * callables, and the HTTP/JSON transport sends each request from a task on its executor, which must
 * carry the access's context there.
 */
public final class GaxIgnoredTypesConfigurer implements IgnoredTypesConfigurer {

  @Override
  public void configure(IgnoredTypesBuilder builder) {
    builder
        .allowClass("com.google.api.gax.grpc.GrpcDirectCallable")
        .allowClass("com.google.api.gax.httpjson.HttpJsonDirectCallable")
        .allowClass("com.google.api.gax.httpjson.HttpRequestRunnable");
  }
}
