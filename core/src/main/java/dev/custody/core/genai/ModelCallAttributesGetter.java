package dev.custody.core.genai;

import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesGetter;
import java.util.List;

/**
 * Feeds the agent's own GenAI semantic-convention extractor (and its token metrics) from our
 * request/response.
 */
enum ModelCallAttributesGetter implements GenAiAttributesGetter<ModelRequest, ModelResponse> {
  INSTANCE;

  @Override
  public String getOperationName(ModelRequest request) {
    return "chat";
  }

  @Override
  public String getSystem(ModelRequest request) {
    return request.provider();
  }

  @Override
  public String getRequestModel(ModelRequest request) {
    return request.model();
  }

  @Override
  public Long getRequestSeed(ModelRequest request) {
    return null;
  }

  @Override
  public List<String> getRequestEncodingFormats(ModelRequest request) {
    return null;
  }

  @Override
  public Double getRequestFrequencyPenalty(ModelRequest request) {
    return null;
  }

  @Override
  public Long getRequestMaxTokens(ModelRequest request) {
    return request.maxTokens();
  }

  @Override
  public Double getRequestPresencePenalty(ModelRequest request) {
    return null;
  }

  @Override
  public List<String> getRequestStopSequences(ModelRequest request) {
    return null;
  }

  @Override
  public Double getRequestTemperature(ModelRequest request) {
    return request.temperature();
  }

  @Override
  public Double getRequestTopK(ModelRequest request) {
    return null;
  }

  @Override
  public Double getRequestTopP(ModelRequest request) {
    return request.topP();
  }

  @Override
  public List<String> getResponseFinishReasons(ModelRequest request, ModelResponse response) {
    return response == null || response.finishReasons() == null
        ? List.of()
        : response.finishReasons();
  }

  @Override
  public String getResponseId(ModelRequest request, ModelResponse response) {
    return response == null ? null : response.id();
  }

  @Override
  public String getResponseModel(ModelRequest request, ModelResponse response) {
    return response == null ? null : response.model();
  }

  @Override
  public Long getUsageInputTokens(ModelRequest request, ModelResponse response) {
    return response == null ? null : response.inputTokens();
  }

  @Override
  public Long getUsageOutputTokens(ModelRequest request, ModelResponse response) {
    return response == null ? null : response.outputTokens();
  }
}
