package dev.custody.testapps.langchain4j.v1_19;

import dev.custody.testapps.langchain4j.SupportDesk;
import dev.langchain4j.service.AiServices;

/**
 * The support desk on LangChain4j 1.19, which (from 1.4) can run the tools of a response
 * concurrently, on its default executor.
 */
public final class SupportDeskApp {

  private SupportDeskApp() {}

  public static void main(String[] tasks) throws Exception {
    SupportDesk.run(tasks, AiServices::executeToolsConcurrently);
  }
}
