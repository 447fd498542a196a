package dev.custody.core.content;

/**
 * A family of captured content whose mode can be set apart from the default: {@code
 * custody.capture.<family>}.
 */
public enum ContentFamily {
  /** The human prompt and the agent's objective (system message). */
  PROMPT("prompt"),
  /** Tool call arguments and results. */
  TOOL("tool"),
  /** Model input and output messages. */
  MESSAGES("messages"),
  /** What a policy engine was asked, and its reasons. */
  POLICY("policy");

  private final String settingName;

  ContentFamily(String settingName) {
    this.settingName = settingName;
  }

  /** The setting that overrides {@code custody.capture.content} for this family. */
  public String settingKey() {
    return "custody.capture." + settingName;
  }
}
