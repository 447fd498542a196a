package dev.custody.testapps.langchain4jmcp;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;

/**
 * A LangChain4j agent whose tools an MCP server serves (langchain4j-mcp, Streamable HTTP), with no
 * Custody code. It answers its one argument and exits. The model is at {@code -Dit.model.url}, the
 * MCP server at {@code -Dit.mcp.url}.
 */
public final class McpToolAgent {

  public interface Assistant {
    @SystemMessage("You answer with the help of the tools.")
    String chat(String request);
  }

  private McpToolAgent() {}

  public static void main(String[] args) throws Exception {
    McpClient mcp =
        new DefaultMcpClient.Builder()
            .transport(
                StreamableHttpMcpTransport.builder()
                    .url(System.getProperty("it.mcp.url") + "/mcp")
                    .build())
            .build();
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(
                OpenAiChatModel.builder()
                    .baseUrl(System.getProperty("it.model.url"))
                    .apiKey("test-key")
                    .modelName("scripted-model")
                    .build())
            .toolProvider(McpToolProvider.builder().mcpClients(mcp).build())
            .build();
    System.out.println("ANSWER: " + assistant.chat(args[0]));
    mcp.close();
    System.exit(0);
  }
}
