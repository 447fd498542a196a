package dev.custody.testapps.langchain4j.v1_0;

import dev.custody.testapps.langchain4j.SupportDesk;

/** The support desk on LangChain4j 1.0, which runs the tools of a response one after another. */
public final class SupportDeskApp {

  private SupportDeskApp() {}

  public static void main(String[] tasks) throws Exception {
    SupportDesk.run(
        tasks,
        services -> {
          throw new UnsupportedOperationException("LangChain4j 1.0 cannot run tools concurrently");
        });
  }
}
