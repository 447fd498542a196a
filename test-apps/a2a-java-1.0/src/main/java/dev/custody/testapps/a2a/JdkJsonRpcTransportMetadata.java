package dev.custody.testapps.a2a;

import io.a2a.server.TransportMetadata;
import io.a2a.spec.TransportProtocol;

/** Tells the SDK's card validator that this server speaks JSON-RPC ({@link OrderDeskServer}). */
public final class JdkJsonRpcTransportMetadata implements TransportMetadata {

  @Override
  public String getTransportProtocol() {
    return TransportProtocol.JSONRPC.asString();
  }
}
