package dev.custody.testapps.quarkuslangchain4j;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** The desk's REST endpoint: the request body is the caller's question to the support agent. */
@Path("/ask")
public class AskResource {

  @Inject SupportAgent agent;

  @POST
  public String ask(String question) {
    return agent.handle(question);
  }
}
