package dev.custody.cli.verify;

import dev.custody.core.json.JsonParseException;
import dev.custody.core.json.JsonReader;
import dev.custody.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** An OTLP JSON lines file as a tamperer edits it: span by span, then written back. */
final class EvidenceFile {

  final List<Object> lines = new ArrayList<>();

  static EvidenceFile read(Path file) throws IOException, JsonParseException {
    EvidenceFile evidence = new EvidenceFile();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        evidence.lines.add(mutable(JsonReader.read(line, Integer.MAX_VALUE, Integer.MAX_VALUE)));
      }
    }
    return evidence;
  }

  Path write(Path file) throws IOException {
    List<String> text = new ArrayList<>();
    for (Object line : lines) {
      text.add(new JsonWriter().decoded(line, t -> t).toString());
    }
    Files.write(file, text);
    return file;
  }

  /** Every span (checkpoints included) as its mutable JSON object, in file order. */
  List<Map<String, Object>> spans() {
    List<Map<String, Object>> spans = new ArrayList<>();
    forEachSpanList(list -> list.forEach(span -> spans.add(map(span))));
    return spans;
  }

  Map<String, Object> span(String name) {
    return spans().stream()
        .filter(span -> name.equals(span.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name));
  }

  void remove(Predicate<Map<String, Object>> which) {
    forEachSpanList(list -> list.removeIf(span -> which.test(map(span))));
  }

  /** A copy of the span named {@code name}, edited, beside it. */
  void addCopy(String name, Consumer<Map<String, Object>> edit) {
    forEachSpanList(
        list -> {
          for (Object span : List.copyOf(list)) {
            if (name.equals(map(span).get("name"))) {
              Map<String, Object> copy = map(mutable(span));
              edit.accept(copy);
              list.add(copy);
            }
          }
        });
  }

  static void setAttribute(Map<String, Object> span, String key, Map<String, Object> value) {
    for (Object attribute : list(span.get("attributes"))) {
      if (key.equals(map(attribute).get("key"))) {
        map(attribute).put("value", value);
      }
    }
  }

  private void forEachSpanList(Consumer<List<Object>> action) {
    for (Object line : lines) {
      for (Object resourceSpans : list(map(line).get("resourceSpans"))) {
        for (Object scopeSpans : list(map(resourceSpans).get("scopeSpans"))) {
          action.accept(list(map(scopeSpans).get("spans")));
        }
      }
    }
  }

  private static Object mutable(Object json) {
    if (json instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put((String) key, mutable(value)));
      return copy;
    }
    if (json instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(mutable(item)));
      return copy;
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object json) {
    return (Map<String, Object>) json;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object json) {
    return json == null ? new ArrayList<>() : (List<Object>) json;
  }
}
