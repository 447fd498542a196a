package dev.custody.testapps.openai;

import com.openai.models.FunctionDefinition;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;

/**
 * What the SDK versions spell differently: declaring a function tool (3.x made tools a union of
 * function and custom tools) and reading the model's call of one.
 */
public interface FunctionTools {

  /** A call of a function tool: its id, the function's name and its arguments as JSON. */
  record Call(String id, String name, String arguments) {}

  void add(ChatCompletionCreateParams.Builder params, FunctionDefinition function);

  Call read(ChatCompletionMessageToolCall call);
}
