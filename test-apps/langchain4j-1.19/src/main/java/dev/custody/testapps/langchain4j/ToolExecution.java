package dev.custody.testapps.langchain4j;

import dev.langchain4j.service.AiServices;

/** LangChain4j 1.4+ can run the tools of a response concurrently, on its default executor. */
final class ToolExecution {

  private ToolExecution() {}

  static void concurrently(AiServices<?> builder) {
    builder.executeToolsConcurrently();
  }
}
