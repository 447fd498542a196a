package dev.custody.testapps.policy;

import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsAsyncClient;
import software.amazon.awssdk.services.verifiedpermissions.VerifiedPermissionsClient;
import software.amazon.awssdk.services.verifiedpermissions.model.ActionIdentifier;
import software.amazon.awssdk.services.verifiedpermissions.model.AttributeValue;
import software.amazon.awssdk.services.verifiedpermissions.model.BatchIsAuthorizedInputItem;
import software.amazon.awssdk.services.verifiedpermissions.model.Decision;
import software.amazon.awssdk.services.verifiedpermissions.model.EntityIdentifier;

/**
 * The desk's tools that ask Amazon Verified Permissions: by principal, with the signed-in user's
 * identity token, and for several principals at once (with the asynchronous client).
 */
public final class AccessTools implements AutoCloseable {

  static final String POLICY_STORE = "PSdesk0000000000000001";

  private static final EntityIdentifier ORDERS =
      EntityIdentifier.builder().entityType("Desk::Orders").entityId("all").build();

  private final VerifiedPermissionsClient permissions;
  private final VerifiedPermissionsAsyncClient asyncPermissions;
  private final String identityToken;

  AccessTools(URI endpoint, String identityToken) {
    this.identityToken = identityToken;
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("TESTPOLICYDESK000001", "policy-desk-secret-access-key"));
    permissions =
        VerifiedPermissionsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .build();
    asyncPermissions =
        VerifiedPermissionsAsyncClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .build();
  }

  @Tool("Refunds the orders of a customer")
  public String refundOrders(String customer) {
    Decision decision =
        permissions
            .isAuthorized(
                request ->
                    request
                        .policyStoreId(POLICY_STORE)
                        .principal(user(customer))
                        .action(action("refund"))
                        .resource(ORDERS)
                        .context(
                            context ->
                                context.contextMap(
                                    Map.of("mfa", AttributeValue.fromBooleanValue(true)))))
            .decision();
    return decision == Decision.ALLOW
        ? "refunded the orders of " + customer
        : "not allowed to refund";
  }

  @Tool("Shares the orders with the signed-in user")
  public String shareOrders() {
    Decision decision =
        permissions
            .isAuthorizedWithToken(
                request ->
                    request
                        .policyStoreId(POLICY_STORE)
                        .identityToken(identityToken)
                        .action(action("share"))
                        .resource(ORDERS))
            .decision();
    return decision == Decision.ALLOW ? "shared" : "not allowed to share";
  }

  @Tool("Audits who may read the orders")
  public String auditReaders() {
    List<String> customers = List.of("alice", "bob");
    // The audit's way: asynchronously, waiting for the answer.
    return asyncPermissions
        .batchIsAuthorized(
            request ->
                request
                    .policyStoreId(POLICY_STORE)
                    .requests(
                        customers.stream()
                            .map(
                                customer ->
                                    BatchIsAuthorizedInputItem.builder()
                                        .principal(user(customer))
                                        .action(action("read"))
                                        .resource(ORDERS)
                                        .build())
                            .toList()))
        .join()
        .results()
        .stream()
        .map(result -> result.request().principal().entityId() + " " + result.decisionAsString())
        .collect(Collectors.joining(", ", "readers: ", ""));
  }

  @Override
  public void close() {
    permissions.close();
    asyncPermissions.close();
  }

  private static EntityIdentifier user(String customer) {
    return EntityIdentifier.builder().entityType("Desk::User").entityId(customer).build();
  }

  private static ActionIdentifier action(String name) {
    return ActionIdentifier.builder().actionType("Desk::Action").actionId(name).build();
  }
}
