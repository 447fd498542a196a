package dev.custody.core.credentials;

import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_JTI;
import static dev.custody.core.CustodyAttributes.WORKLOAD_CREDENTIAL_SERIAL;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ID;
import static dev.custody.core.CustodyAttributes.WORKLOAD_PREVIOUS_CREDENTIAL_EXPIRES_AT;
import static dev.custody.core.CustodyAttributes.WORKLOAD_PREVIOUS_CREDENTIAL_JTI;
import static dev.custody.core.CustodyAttributes.WORKLOAD_PREVIOUS_CREDENTIAL_SERIAL;
import static dev.custody.core.CustodyAttributes.WORKLOAD_ROTATED_EVENT;

import dev.custody.bootstrap.WorkloadAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.Objects;

/**
 * A rotation of the workload's identity: the same workload id, proven from now on by another
 * credential (a new serial, {@code jti} or expiry). Recorded as the event {@code
 * custody.workload.rotated} on the {@code refresh} span that brought the new credential, with the
 * credential it replaced.
 */
public final class WorkloadRotations {

  /**
   * Each attribute that tells one credential from the next, and its name for the replaced
   * credential.
   */
  private static final Map<AttributeKey<String>, AttributeKey<String>> PREVIOUS =
      Map.of(
          WORKLOAD_CREDENTIAL_EXPIRES_AT, WORKLOAD_PREVIOUS_CREDENTIAL_EXPIRES_AT,
          WORKLOAD_CREDENTIAL_SERIAL, WORKLOAD_PREVIOUS_CREDENTIAL_SERIAL,
          WORKLOAD_CREDENTIAL_JTI, WORKLOAD_PREVIOUS_CREDENTIAL_JTI);

  private WorkloadRotations() {}

  /**
   * Adds the event to {@code refresh} when {@code update} rotated the credential that proves the
   * workload id.
   */
  public static void recordOn(Span refresh, WorkloadAttributes.Update update) {
    Map<String, Object> before = update.before();
    Map<String, Object> after = update.after();
    if (!(after.get(WORKLOAD_ID.getKey()) instanceof String id)
        || !id.equals(before.get(WORKLOAD_ID.getKey()))) {
      return; // a first identity, or another one: no rotation
    }
    AttributesBuilder event = Attributes.builder().put(WORKLOAD_ID, id);
    boolean proven = false;
    boolean replaced = false;
    for (Map.Entry<AttributeKey<String>, AttributeKey<String>> key : PREVIOUS.entrySet()) {
      Object previous = before.get(key.getKey().getKey());
      Object current = after.get(key.getKey().getKey());
      proven |= previous != null;
      replaced |= !Objects.equals(previous, current);
      if (current instanceof String value) {
        event.put(key.getKey(), value);
      }
      if (previous instanceof String value) {
        event.put(key.getValue(), value);
      }
    }
    if (proven && replaced) {
      refresh.addEvent(WORKLOAD_ROTATED_EVENT, event.build());
    }
  }
}
