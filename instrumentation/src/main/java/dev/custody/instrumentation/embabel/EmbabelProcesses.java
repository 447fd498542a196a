package dev.custody.instrumentation.embabel;

import dev.custody.core.cases.AgentCases;
import dev.custody.core.cases.AgentInvocation;
import java.util.Collection;
import java.util.List;

/**
 * What the Embabel advice records about agent processes: a run of a process is an agent invocation
 * named after its agent, on the thread the platform runs it on and in the context it was started
 * from. The intent is the user's input on the process's blackboard, and the objective the goal the
 * planner chose, read as the run ends (Embabel plans inside the run).
 */
public final class EmbabelProcesses {

  static final String INSTRUMENTATION_NAME = "dev.custody.embabel-0.5";

  private static final String USER_INPUT = "com.embabel.agent.domain.io.UserInput";

  private static final AgentCases CASES = new AgentCases(INSTRUMENTATION_NAME);

  private EmbabelProcesses() {}

  /** One run of a process: its invocation, and what the user asked when it started. */
  public record ProcessRun(Object process, AgentInvocation invocation, String prompt) {}

  public static ProcessRun start(Object process) {
    Object agent = EmbabelObjects.read(process, "getAgent");
    String name = EmbabelObjects.text(agent, "getName");
    String agentName = name == null ? "agent" : name;
    AgentInvocation invocation = CASES.start(agentName, defaultObjective(agent, agentName));
    return invocation == null ? null : new ProcessRun(process, invocation, promptOf(process));
  }

  public static void end(ProcessRun run, Throwable error) {
    if (run == null) {
      return;
    }
    if (run.prompt() != null) {
      Object goal = EmbabelObjects.read(run.process(), "getGoal");
      run.invocation().recordIntent(run.prompt(), EmbabelObjects.text(goal, "getDescription"));
    }
    CASES.end(run.invocation(), error);
  }

  /** The agent's goal when it has one, else what running it means. */
  private static String defaultObjective(Object agent, String agentName) {
    if (EmbabelObjects.read(agent, "getGoals") instanceof Collection<?> goals
        && goals.size() == 1) {
      String description = EmbabelObjects.text(goals.iterator().next(), "getDescription");
      if (description != null) {
        return description;
      }
    }
    return "run the " + agentName + " agent";
  }

  /** The content of the last user input on the process's blackboard, or null. */
  private static String promptOf(Object process) {
    Object blackboard = EmbabelObjects.read(process, "getBlackboard");
    String prompt = null;
    if (EmbabelObjects.read(blackboard, "getObjects") instanceof List<?> objects) {
      for (Object object : objects) {
        if (EmbabelObjects.is(object, USER_INPUT)) {
          prompt = EmbabelObjects.text(object, "getContent");
        }
      }
    }
    return prompt;
  }
}
