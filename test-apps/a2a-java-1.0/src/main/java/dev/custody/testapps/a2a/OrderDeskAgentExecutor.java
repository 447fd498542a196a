package dev.custody.testapps.a2a;

import dev.custody.testapps.handoff.WorkQueue.Worker;
import io.a2a.server.agentexecution.AgentExecutor;
import io.a2a.server.agentexecution.RequestContext;
import io.a2a.server.tasks.AgentEmitter;
import io.a2a.spec.A2AError;
import io.a2a.spec.InternalError;
import java.util.concurrent.CountDownLatch;

/** The order desk's A2A agent: each task's text is work for the order desk's agent. */
final class OrderDeskAgentExecutor implements AgentExecutor {

  private final Worker worker;
  private final CountDownLatch done;

  OrderDeskAgentExecutor(Worker worker, CountDownLatch done) {
    this.worker = worker;
    this.done = done;
  }

  @Override
  public void execute(RequestContext context, AgentEmitter emitter) throws A2AError {
    try {
      emitter.submit();
      emitter.startWork();
      worker.work(context.getUserInput("\n"));
      emitter.complete();
    } catch (Exception e) {
      emitter.fail();
      throw new InternalError(e.getMessage());
    } finally {
      done.countDown();
    }
  }

  @Override
  public void cancel(RequestContext context, AgentEmitter emitter) throws A2AError {
    emitter.cancel();
  }
}
