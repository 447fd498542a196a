package dev.custody.testapps.a2a;

import io.a2a.server.TransportMetadata;
import io.a2a.spec.TransportProtocol;

/** Tells the SDK's card validator that this server speaks gRPC ({@link OrderDeskGrpcHandler}). */
public final class GrpcTransportMetadata implements TransportMetadata {

  @Override
  public String getTransportProtocol() {
    return TransportProtocol.GRPC.asString();
  }
}
