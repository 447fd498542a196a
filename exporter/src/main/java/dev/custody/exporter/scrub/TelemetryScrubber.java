package dev.custody.exporter.scrub;

import dev.custody.core.scrub.SecretScrubber;
import dev.custody.exporter.limits.LongValues;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one scrubber every signal passes through on its way out (spans, span events and links, log
 * records, metric points and exemplars, the resource): each string goes through the {@link
 * SecretScrubber}; an attribute whose name says it carries a credential ({@link
 * SecretAttributeNames}) loses its value whatever it looks like; an attribute Custody captured for
 * its own reading is dropped; a string longer than the export bound is cut ({@link LongValues}). A
 * value whose scrubbing fails is replaced, never the record that carries it: an error here must not
 * stop the export.
 */
public final class TelemetryScrubber {

  /**
   * Nested values deeper than this are replaced: an application builds them, but nothing bounds
   * them otherwise.
   */
  static final int DEEPEST_VALUE = 32;

  static final String FAILED = SecretScrubber.UNSCANNED_PREFIX + "failed]";

  private static final TelemetryScrubber DEFAULT = new TelemetryScrubber(SecretScrubber::scrub);

  private final UnaryOperator<String> scrubber;

  TelemetryScrubber(UnaryOperator<String> scrubber) {
    this.scrubber = scrubber;
  }

  public static TelemetryScrubber get() {
    return DEFAULT;
  }

  /** The text scrubbed and cut to the export bound; replaced whole if scrubbing fails. */
  public String text(String text) {
    try {
      String scrubbed = scrubber.apply(text);
      return scrubbed == null ? null : LongValues.bounded(text, scrubbed);
    } catch (Throwable t) {
      return FAILED;
    }
  }

  /**
   * The attributes without {@code dropped} and with every string scrubbed; the same instance when
   * none changed.
   */
  @SuppressWarnings("unchecked")
  public Attributes attributes(Attributes attributes, Set<? extends AttributeKey<?>> dropped) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    AttributesBuilder[] builder = new AttributesBuilder[1];
    attributes.forEach(
        (key, value) -> {
          Object scrubbed = dropped.contains(key) ? null : value(key, value);
          if (scrubbed != value) {
            if (builder[0] == null) {
              builder[0] = attributes.toBuilder();
            }
            if (scrubbed == null) {
              builder[0].remove(key);
            } else {
              builder[0].put((AttributeKey<Object>) key, scrubbed);
            }
          }
        });
    return builder[0] == null ? attributes : builder[0].build();
  }

  public Attributes attributes(Attributes attributes) {
    return attributes(attributes, Set.of());
  }

  /**
   * A log body or attribute value scrubbed, nested values included; the same instance when
   * unchanged.
   */
  public Value<?> value(Value<?> value) {
    return value(value, 0);
  }

  private Object value(AttributeKey<?> key, Object value) {
    try {
      return valueOf(key, value);
    } catch (Throwable t) {
      return key.getType() == AttributeType.STRING ? FAILED : null;
    }
  }

  private Object valueOf(AttributeKey<?> key, Object value) {
    String secretKind = SecretAttributeNames.kindOf(key.getKey());
    AttributeType type = key.getType();
    if (type == AttributeType.STRING) {
      return string(secretKind, (String) value);
    }
    if (type == AttributeType.STRING_ARRAY) {
      List<?> values = (List<?>) value;
      List<String> scrubbed = new ArrayList<>(values.size());
      boolean changed = false;
      for (Object element : values) {
        String text = string(secretKind, (String) element);
        changed |= text != element;
        scrubbed.add(text);
      }
      return changed ? scrubbed : value;
    }
    if (type == AttributeType.VALUE) {
      return secretKind != null
          ? Value.of(SecretAttributeNames.marker(secretKind))
          : value((Value<?>) value, 0);
    }
    return value;
  }

  private String string(String secretKind, String value) {
    if (value == null) {
      return null;
    }
    String scrubbed = text(value);
    return secretKind == null
        ? scrubbed
        : SecretAttributeNames.withoutCredential(scrubbed, secretKind);
  }

  @SuppressWarnings("unchecked")
  private Value<?> value(Value<?> value, int depth) {
    if (depth > DEEPEST_VALUE) {
      return Value.of(FAILED);
    }
    switch (value.getType()) {
      case STRING -> {
        String text = (String) value.getValue();
        String scrubbed = text(text);
        return scrubbed == text ? value : Value.of(scrubbed);
      }
      case BYTES -> {
        ByteBuffer bytes = ((ByteBuffer) value.getValue()).duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        String text = new String(copy, StandardCharsets.UTF_8);
        String scrubbed = text(text);
        return scrubbed == text ? value : Value.of(scrubbed);
      }
      case ARRAY -> {
        List<Value<?>> elements = (List<Value<?>>) value.getValue();
        List<Value<?>> scrubbed = new ArrayList<>(elements.size());
        boolean changed = false;
        for (Value<?> element : elements) {
          Value<?> one = value(element, depth + 1);
          changed |= one != element;
          scrubbed.add(one);
        }
        return changed ? Value.of(scrubbed) : value;
      }
      case KEY_VALUE_LIST -> {
        List<KeyValue> entries = (List<KeyValue>) value.getValue();
        List<KeyValue> scrubbed = new ArrayList<>(entries.size());
        boolean changed = false;
        for (KeyValue entry : entries) {
          String secretKind = SecretAttributeNames.kindOf(entry.getKey());
          Value<?> one =
              secretKind != null
                  ? Value.of(SecretAttributeNames.marker(secretKind))
                  : value(entry.getValue(), depth + 1);
          changed |= one != entry.getValue();
          scrubbed.add(KeyValue.of(entry.getKey(), one));
        }
        return changed ? Value.of(scrubbed.toArray(new KeyValue[0])) : value;
      }
      default -> {
        return value;
      }
    }
  }
}
