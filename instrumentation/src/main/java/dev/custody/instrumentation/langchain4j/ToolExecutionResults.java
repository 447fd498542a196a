package dev.custody.instrumentation.langchain4j;

import dev.langchain4j.service.tool.ToolExecutionResult;

/** Reads tool results of LangChain4j 1.6+; kept apart so older versions never load the type. */
final class ToolExecutionResults {

  private ToolExecutionResults() {}

  static String text(Object result) {
    try {
      return ((ToolExecutionResult) result).resultText();
    } catch (IllegalStateException notText) {
      return null; // 1.13+: a result of images or several parts has no single text
    }
  }
}
