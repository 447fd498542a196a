package dev.custody.core.findings;

import java.util.Locale;

/** How much a finding should worry an investigator, most first. */
public enum Severity {
  HIGH,
  MEDIUM,
  LOW;

  /** As {@link CaseFinding#severity()} and the JSON write it: {@code high}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity a label names; unknown labels rank last. */
  public static int rank(String label) {
    for (Severity severity : values()) {
      if (severity.label().equals(label)) {
        return severity.ordinal();
      }
    }
    return values().length;
  }
}
