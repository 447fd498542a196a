package dev.custody.demo;

import dev.langchain4j.service.SystemMessage;

/** The agent: a LangChain4j AI service. */
public interface TravelAssistant {

  @SystemMessage(
      "You are a travel agent. Plan trips with the weather and the traveller's calendar, and book them.")
  String plan(String request);
}
