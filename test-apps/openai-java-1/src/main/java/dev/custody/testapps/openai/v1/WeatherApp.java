package dev.custody.testapps.openai.v1;

import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionTool;
import dev.custody.testapps.openai.FunctionTools;
import dev.custody.testapps.openai.WeatherDesk;

/** The weather desk on the OpenAI Java SDK 1.x, where every tool is a function. */
public final class WeatherApp implements FunctionTools {

  public static void main(String[] tasks) throws Exception {
    WeatherDesk.run(tasks, new WeatherApp());
  }

  @Override
  public void add(ChatCompletionCreateParams.Builder params, FunctionDefinition function) {
    params.addTool(ChatCompletionTool.builder().function(function).build());
  }

  @Override
  public Call read(ChatCompletionMessageToolCall call) {
    return new Call(call.id(), call.function().name(), call.function().arguments());
  }
}
