package dev.custody.core.json;

/**
 * Text that {@link JsonReader} could not read as JSON within its bounds: malformed, cut short, or
 * too long, too deep or too large. The one exception the reader throws; its callers record what
 * they read as unparsed.
 */
public final class JsonParseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int position;

  JsonParseException(String reason, int position) {
    // no stack trace: outsiders' text fails often and cheaply, and where it failed is all there is
    // to say
    super(reason + " at character " + position, null, false, false);
    this.position = position;
  }

  /** Where in the text reading stopped. */
  public int position() {
    return position;
  }
}
