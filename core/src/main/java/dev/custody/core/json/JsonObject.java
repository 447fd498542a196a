package dev.custody.core.json;

import java.util.Map;

/**
 * A JSON object read from a document that says who someone is (a JWT's header or claims, a cloud
 * credentials file), with the reads those need. Read by {@link JsonReader}, within its bounds;
 * anything that is not one JSON object reads as null.
 */
public final class JsonObject {

  public static final JsonObject EMPTY = new JsonObject(Map.of());

  private final Map<?, ?> members;

  private JsonObject(Map<?, ?> members) {
    this.members = members;
  }

  /** The object {@code json} holds, or null when it holds anything else or is not JSON. */
  public static JsonObject parse(String json) {
    try {
      return JsonReader.read(json) instanceof Map<?, ?> members ? new JsonObject(members) : null;
    } catch (JsonParseException notJson) {
      return null;
    }
  }

  /** A string member, or null when absent or not a string. */
  public String string(String name) {
    return members.get(name) instanceof String value ? value : null;
  }

  /** A number member ({@code Long} or {@code Double}), or null when absent or not a number. */
  public Number number(String name) {
    return members.get(name) instanceof Number value ? value : null;
  }

  /** An object member; {@link #EMPTY} when absent or not an object. */
  public JsonObject object(String name) {
    return members.get(name) instanceof Map<?, ?> object ? new JsonObject(object) : EMPTY;
  }
}
