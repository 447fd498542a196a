package dev.custody.testapps.anthropic.v3;

import com.anthropic.models.beta.messages.ToolRunnerCreateParams;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import dev.custody.testapps.anthropic.AnthropicSdk;
import dev.custody.testapps.anthropic.WeatherDesk;
import java.util.List;

/** The weather desk on the Anthropic Java SDK 3.x, which traces its own calls. */
public final class WeatherApp implements AnthropicSdk {

  public static void main(String[] tasks) {
    WeatherDesk.run(tasks, new WeatherApp());
  }

  @Override
  public void addToolResults(MessageCreateParams.Builder params, List<ContentBlockParam> results) {
    params.addUserMessageOfContentBlockParams(results);
  }

  @Override
  public ToolRunnerCreateParams toolRunner(
      com.anthropic.models.beta.messages.MessageCreateParams initial) {
    return ToolRunnerCreateParams.builder().initialMessageParams(initial).thread(false).build();
  }
}
