package dev.custody.testapps.langchain4j;

import dev.langchain4j.service.AiServices;

/** LangChain4j 1.0 runs the tools of a response one after another. */
final class ToolExecution {

  private ToolExecution() {}

  static void concurrently(AiServices<?> builder) {
    throw new UnsupportedOperationException("LangChain4j 1.0 cannot run tools concurrently");
  }
}
