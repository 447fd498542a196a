package dev.custody.testapps.koog

import ai.koog.agents.core.agent.AIAgent
import ai.koog.agents.core.tools.ToolRegistry
import ai.koog.agents.core.tools.annotations.LLMDescription
import ai.koog.agents.core.tools.annotations.Tool
import ai.koog.agents.core.tools.reflect.ToolSet
import ai.koog.agents.features.opentelemetry.feature.OpenTelemetry
import ai.koog.prompt.executor.clients.openai.OpenAIClientSettings
import ai.koog.prompt.executor.clients.openai.OpenAILLMClient
import ai.koog.prompt.executor.llms.MultiLLMPromptExecutor
import ai.koog.prompt.llm.LLMCapability
import ai.koog.prompt.llm.LLMProvider
import ai.koog.prompt.llm.LLModel
import io.opentelemetry.api.GlobalOpenTelemetry
import io.opentelemetry.kotlin.toOtelKotlinApi
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import kotlinx.coroutines.runBlocking

/**
 * A travel desk on JetBrains Koog: an agent on Koog's single-run strategy with two tools,
 * `lookupBooking` (which reads the booking from a backend) and `cancelBooking` (which throws). Its
 * model is Koog's `OpenAILLMClient` posting chat completions to the scripted server at
 * `app.model.url`, with the API key of `IT_MODEL_API_KEY`. Runs each request given as an argument
 * as a task of its own and prints `ANSWER: <text>`; an argument `env:NAME` is the request in the
 * environment variable `NAME` (kept off the command line); requests after `--otel` run with Koog's
 * own OpenTelemetry feature installed, verbose, on the global OpenTelemetry (the agent's, when there
 * is one).
 */
const val INSTRUCTION = "You are a travel desk agent. Look the booking up before you change it."

private val http: HttpClient = HttpClient.newHttpClient()

/** The desk's tools. */
class BookingTools(private val backend: String) : ToolSet {

  @Tool
  @LLMDescription("Looks a booking up by its id.")
  fun lookupBooking(@LLMDescription("The booking id") bookingId: String): String {
    val request = HttpRequest.newBuilder(URI.create("$backend/bookings/$bookingId")).build()
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body()
  }

  /** Cancellations are closed: always fails. */
  @Tool
  @LLMDescription("Cancels a booking by its id.")
  fun cancelBooking(@LLMDescription("The booking id") bookingId: String): String =
      throw IllegalStateException("cancellations are closed for $bookingId")
}

private val model =
    LLModel(
        LLMProvider.OpenAI,
        "scripted-model",
        listOf(
            LLMCapability.Completion,
            LLMCapability.Tools,
            LLMCapability.OpenAIEndpoint.Completions,
        ),
    )

fun main(args: Array<String>) {
  val client =
      OpenAILLMClient(
          System.getenv("IT_MODEL_API_KEY"),
          OpenAIClientSettings(baseUrl = System.getProperty("app.model.url")),
      )
  val executor = MultiLLMPromptExecutor(client)
  val tools = ToolRegistry.builder().tools(BookingTools(System.getProperty("app.backend.url"))).build()
  var withOpenTelemetry = false
  for (arg in args) {
    if (arg == "--otel") {
      withOpenTelemetry = true
      continue
    }
    val request = if (arg.startsWith("env:")) System.getenv(arg.removePrefix("env:")) else arg
    val otel = withOpenTelemetry
    val agent =
        AIAgent(
            promptExecutor = executor,
            llmModel = model,
            toolRegistry = tools,
            systemPrompt = INSTRUCTION,
            id = "travel_desk",
        ) {
          if (otel) {
            install(OpenTelemetry) {
              setSdk(GlobalOpenTelemetry.get().toOtelKotlinApi())
              setVerbose(true)
            }
          }
        }
    val answer = runBlocking { agent.run(request) }
    println("ANSWER: $answer")
  }
}
