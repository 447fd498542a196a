package dev.custody.testapps.embabel;

import com.embabel.agent.api.annotation.AchievesGoal;
import com.embabel.agent.api.annotation.Action;
import com.embabel.agent.api.annotation.Agent;
import com.embabel.agent.api.common.Ai;
import com.embabel.agent.domain.io.UserInput;
import org.springframework.beans.factory.annotation.Value;

/** One action: the model answers the traveller, calling the weather tools. */
@Agent(name = "TripDesk", description = "Advises travellers on the weather at their destination")
public class TripDeskAgent {

  /** What the traveller is told. */
  public record Advice(String text) {}

  private final WeatherTools weather;

  public TripDeskAgent(@Value("${app.backend.url}") String backendUrl) {
    this.weather = new WeatherTools(backendUrl);
  }

  @Action(description = "Ask the model, with the weather tools")
  @AchievesGoal(description = "The traveller knows what weather to expect")
  public Advice advise(UserInput input, Ai ai) {
    String text =
        ai.withDefaultLlm()
            .withToolObject(weather)
            .generateText("You advise travellers. Use the weather tools.\n\n" + input.getContent());
    return new Advice(text);
  }
}
