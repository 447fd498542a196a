package dev.custody.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.javaagent.extension.instrumentation.InstrumentationModule;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Every Custody module carries the name {@code custody} last, which {@code custody.profile=lean}
 * switches on (and {@code otel.instrumentation.custody.enabled=false} off); its own names come
 * first, so that switching one module off by name still wins.
 */
class InstrumentationNamesTest {

  @Test
  void everyModuleCarriesTheSharedNameAfterItsOwn() {
    List<InstrumentationModule> modules = new ArrayList<>();
    ServiceLoader.load(InstrumentationModule.class).forEach(modules::add);
    assertThat(modules).as("modules in META-INF/services").hasSizeGreaterThan(20);
    for (InstrumentationModule module : modules) {
      List<String> names = List.copyOf(module.instrumentationNames());
      assertThat(names.get(0)).as(module.getClass().getName()).startsWith("custody-");
      assertThat(names.get(names.size() - 1)).as(module.getClass().getName()).isEqualTo("custody");
    }
  }
}
