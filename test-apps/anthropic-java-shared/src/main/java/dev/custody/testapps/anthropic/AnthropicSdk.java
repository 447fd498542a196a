package dev.custody.testapps.anthropic;

import com.anthropic.models.beta.messages.ToolRunnerCreateParams;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import java.util.List;

/** What the SDK versions spell differently. */
public interface AnthropicSdk {

  /** Adds the user turn that answers the model's tool calls. */
  void addToolResults(MessageCreateParams.Builder params, List<ContentBlockParam> results);

  /** The tool runner's parameters, starting from {@code initial}. */
  ToolRunnerCreateParams toolRunner(com.anthropic.models.beta.messages.MessageCreateParams initial);
}
