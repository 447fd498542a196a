package dev.custody.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/attributes.md} names every key of {@link CustodyAttributes}, and documents no key of
 * ours it lacks.
 */
class AttributesDocumentationTest {

  private static final Path DOC = Path.of("..", "docs", "attributes.md");
  private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

  @Test
  void everyKeyInTheCodeIsDocumented() throws IOException {
    String doc = Files.readString(DOC);

    Set<String> undocumented = new TreeSet<>();
    for (String key : keysInCode()) {
      if (!doc.contains("`" + key + "`")) {
        undocumented.add(key);
      }
    }

    assertThat(undocumented).as("keys of CustodyAttributes missing from %s", DOC).isEmpty();
  }

  @Test
  void everyKeyOfOursTheDocumentationNamesIsInTheCode() throws IOException {
    Set<String> inCode = keysInCode();

    Set<String> unknown = new TreeSet<>();
    for (String key : keysInFirstColumns(Files.readAllLines(DOC))) {
      boolean known =
          key.endsWith(".*")
              ? inCode.stream().anyMatch(k -> k.startsWith(key.substring(0, key.length() - 1)))
              : inCode.contains(key);
      if (key.startsWith("custody.") && !known) {
        unknown.add(key);
      }
    }

    assertThat(unknown)
        .as("custody.* keys documented in %s but not in CustodyAttributes", DOC)
        .isEmpty();
  }

  /** Attribute keys, and the names of the events Custody adds. */
  private static Set<String> keysInCode() {
    Set<String> keys = new TreeSet<>();
    for (Field field : CustodyAttributes.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Object value = get(field);
      if (value instanceof AttributeKey<?> key) {
        keys.add(key.getKey());
      } else if (field.getName().endsWith("_EVENT")) {
        keys.add((String) value);
      }
    }
    return keys;
  }

  /** Quoted names in the first column of the tables of attributes and events. */
  private static Set<String> keysInFirstColumns(Iterable<String> lines) {
    Set<String> keys = new TreeSet<>();
    boolean inKeyTable = false;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        inKeyTable = false;
      } else if (line.matches("\\| (Attribute|Event attribute|Event) \\|.*")) {
        inKeyTable = true;
      } else if (inKeyTable) {
        Matcher quoted = QUOTED.matcher(line.split("\\|")[1]);
        while (quoted.find()) {
          keys.add(quoted.group(1));
        }
      }
    }
    return keys;
  }

  private static Object get(Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
