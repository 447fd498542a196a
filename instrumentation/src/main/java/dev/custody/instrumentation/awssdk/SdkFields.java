package dev.custody.instrumentation.awssdk;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Reads members of the SDK's requests and answers by their names in the service model ({@code ARN},
 * {@code Credentials}...), so no Secrets Manager, STS or Verified Permissions model class is
 * needed: an application may have any alone. Names are matched ignoring case: some service modules
 * spell them {@code policyStoreId}.
 */
final class SdkFields {

  private SdkFields() {}

  static Object get(Object pojo, String member) {
    if (pojo instanceof SdkPojo sdkPojo) {
      for (SdkField<?> field : sdkPojo.sdkFields()) {
        if (field.memberName().equalsIgnoreCase(member)) {
          return field.getValueOrDefault(pojo);
        }
      }
    }
    return null;
  }

  static String string(Object pojo, String member) {
    return get(pojo, member) instanceof String value ? value : null;
  }

  static Instant instant(Object pojo, String member) {
    return get(pojo, member) instanceof Instant value ? value : null;
  }

  static List<?> list(Object pojo, String member) {
    return get(pojo, member) instanceof List<?> values ? values : List.of();
  }
}
