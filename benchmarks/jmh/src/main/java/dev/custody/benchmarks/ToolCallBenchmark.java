package dev.custody.benchmarks;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolService;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One LangChain4j tool call as an AI service makes it: {@code ToolService.executeWithErrorHandling}
 * parses the arguments, runs the {@code @Tool} method and wraps its result. Under Custody that is
 * one {@code execute_tool} span with arguments and result captured at the default content mode
 * (scrubbed, cut, hashed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ToolCallBenchmark {

  public static class OrderTools {
    @Tool("Looks an order up")
    public String lookupOrder(String orderId) {
      return "order " + orderId + ": packed, leaves the warehouse tomorrow";
    }
  }

  private ToolExecutionRequest request;
  private ToolExecutor executor;
  private InvocationContext invocation;
  private ToolService tools;

  @Setup
  public void setUp() throws NoSuchMethodException {
    request =
        ToolExecutionRequest.builder()
            .id("call_1")
            .name("lookupOrder")
            .arguments("{\"orderId\":\"A-17\"}")
            .build();
    executor =
        new DefaultToolExecutor(
            new OrderTools(), OrderTools.class.getMethod("lookupOrder", String.class));
    invocation =
        InvocationContext.builder()
            .invocationId(UUID.randomUUID())
            .interfaceName("OrderAssistant")
            .methodName("chat")
            .build();
    tools = new ToolService();
  }

  @Benchmark
  public ToolExecutionResult toolCall() {
    return ToolService.executeWithErrorHandling(
        request,
        executor,
        invocation,
        tools.argumentsErrorHandler(),
        tools.executionErrorHandler());
  }
}
