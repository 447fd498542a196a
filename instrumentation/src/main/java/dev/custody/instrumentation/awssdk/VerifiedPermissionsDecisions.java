package dev.custody.instrumentation.awssdk;

import dev.custody.core.json.JsonWriter;
import dev.custody.core.policy.PolicyDecisions;
import dev.custody.core.policy.PolicyQuery;
import dev.custody.core.policy.PolicyVerdict;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Amazon Verified Permissions decisions ({@code IsAuthorized}, {@code IsAuthorizedWithToken} and
 * their batches): a {@code policy_decision avp} span beside the agent's span of the call, from when
 * it was asked to when it was answered, with the store, the question (never the identity or access
 * token), the decision and the policies that determined it. A batch is one decision: {@code deny}
 * when any of its requests is denied.
 */
final class VerifiedPermissionsDecisions {

  static final String SERVICE = "VerifiedPermissions";

  private static final String ENGINE = "avp";

  private static final Set<String> OPERATIONS =
      Set.of(
          "IsAuthorized",
          "IsAuthorizedWithToken",
          "BatchIsAuthorized",
          "BatchIsAuthorizedWithToken");

  /** Members that hold tokens: secrets, never part of the recorded question. */
  private static final Set<String> TOKEN_MEMBERS = Set.of("identitytoken", "accesstoken");

  private static final PolicyDecisions DECISIONS =
      new PolicyDecisions(AwsSdkInstrumentationModule.INSTRUMENTATION_NAME);

  /**
   * Where and when the application asked; the SDK reports the answer later, maybe on another
   * thread.
   */
  private static final ExecutionAttribute<Asked> ASKED =
      new ExecutionAttribute<>("CustodyPolicyDecisionAsked");

  private record Asked(Context parent, Instant at) {}

  private VerifiedPermissionsDecisions() {}

  static void asked(AwsCall call, ExecutionAttributes attributes) {
    if (OPERATIONS.contains(call.operation())) {
      attributes.putAttribute(ASKED, new Asked(Context.current(), Instant.now()));
    }
  }

  static void answered(ExecutionAttributes attributes, Object request, Object answer) {
    Asked asked = attributes.getAttribute(ASKED);
    if (asked != null) {
      DECISIONS.record(asked.parent(), query(request), asked.at(), verdict(answer), null);
    }
  }

  static void failed(ExecutionAttributes attributes, Object request, Throwable error) {
    Asked asked = attributes.getAttribute(ASKED);
    if (asked != null) {
      DECISIONS.record(asked.parent(), query(request), asked.at(), null, error);
    }
  }

  private static PolicyQuery query(Object request) {
    return new PolicyQuery(
        ENGINE, SdkFields.string(request, "policyStoreId"), null, render(request), null);
  }

  /**
   * A decision, or a batch's: deny when any is denied; the determining policies and errors of all.
   */
  private static PolicyVerdict verdict(Object answer) {
    List<?> results = SdkFields.list(answer, "results");
    List<?> decisions = results.isEmpty() ? List.of(answer) : results;
    boolean denied = false;
    StringJoiner policies = new StringJoiner(",");
    StringJoiner errors = new StringJoiner("; ");
    for (Object decision : decisions) {
      denied |= !"ALLOW".equals(SdkFields.string(decision, "decision"));
      SdkFields.list(decision, "determiningPolicies")
          .forEach(policy -> policies.add(String.valueOf(SdkFields.string(policy, "policyId"))));
      SdkFields.list(decision, "errors")
          .forEach(
              error -> errors.add(String.valueOf(SdkFields.string(error, "errorDescription"))));
    }
    return PolicyVerdict.decided(
        denied ? PolicyVerdict.DENY : PolicyVerdict.ALLOW,
        null,
        policies.length() == 0 ? null : policies.toString(),
        errors.length() == 0 ? null : errors.toString());
  }

  /** The request as JSON, as the SDK sends it, without its store (recorded apart) and tokens. */
  private static String render(Object request) {
    JsonWriter json = new JsonWriter();
    write(json, request, true);
    return json.toString();
  }

  private static void write(JsonWriter json, Object value, boolean request) {
    if (value instanceof SdkPojo pojo) {
      json.beginObject();
      for (SdkField<?> field : pojo.sdkFields()) {
        String name = field.memberName();
        Object member = field.getValueOrDefault(pojo);
        boolean skipped =
            TOKEN_MEMBERS.contains(name.toLowerCase(Locale.ROOT))
                || (request && name.equalsIgnoreCase("policyStoreId"))
                || member instanceof SdkAutoConstructList
                || member instanceof SdkAutoConstructMap; // never set
        if (member != null && !skipped) {
          write(json.name(lowerCamel(name)), member, false);
        }
      }
      json.endObject();
    } else if (value instanceof List<?> items) {
      json.beginArray();
      items.forEach(item -> write(json, item, false));
      json.endArray();
    } else if (value instanceof Map<?, ?> entries) {
      json.beginObject();
      entries.forEach((key, entry) -> write(json.name(String.valueOf(key)), entry, false));
      json.endObject();
    } else {
      json.decoded(value, UnaryOperator.identity());
    }
  }

  /**
   * Older service modules name members {@code PolicyStoreId}, newer ones {@code policyStoreId}: one
   * spelling.
   */
  private static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
