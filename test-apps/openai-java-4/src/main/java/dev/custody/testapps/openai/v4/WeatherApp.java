package dev.custody.testapps.openai.v4;

import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.custody.testapps.openai.FunctionTools;
import dev.custody.testapps.openai.WeatherDesk;

/** The weather desk on the OpenAI Java SDK 4.x, where a tool is a function or a custom tool. */
public final class WeatherApp implements FunctionTools {

  public static void main(String[] tasks) throws Exception {
    WeatherDesk.run(tasks, new WeatherApp());
  }

  @Override
  public void add(ChatCompletionCreateParams.Builder params, FunctionDefinition function) {
    params.addTool(ChatCompletionFunctionTool.builder().function(function).build());
  }

  @Override
  public Call read(ChatCompletionMessageToolCall call) {
    ChatCompletionMessageFunctionToolCall function = call.asFunction();
    return new Call(function.id(), function.function().name(), function.function().arguments());
  }
}
