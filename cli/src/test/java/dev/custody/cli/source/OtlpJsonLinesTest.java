package dev.custody.cli.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is read a bounded line at a time: a hostile line is an error, not a heap. */
class OtlpJsonLinesTest {

  private static final String SPAN =
      """
      {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c",\
      "spanId":"b7ad6b7169203331","name":"chat"}]}]}]}""";

  @TempDir Path dir;

  @Test
  void aLineLongerThanTheLimitIsAnErrorNamingIt() throws IOException {
    Path file =
        Files.writeString(dir.resolve("traces.jsonl"), SPAN + "\n" + "x".repeat(5000) + "\n");
    List<ReceivedSpan> spans = new ArrayList<>();

    assertThatThrownBy(() -> OtlpJsonLines.read(file, 1024, spans::add))
        .isInstanceOf(IOException.class)
        .hasMessage(file + " line 2 is longer than 1024 characters");
    assertThat(spans).hasSize(1);
  }

  @Test
  void linesEndWithOrWithoutCarriageReturnAndTheLastWithoutBreak() throws IOException {
    Path file =
        Files.writeString(dir.resolve("traces.jsonl"), SPAN + "\r\n\n" + SPAN + "\n" + SPAN);
    List<ReceivedSpan> spans = new ArrayList<>();

    OtlpJsonLines.read(file, SPAN.length(), spans::add);

    assertThat(spans).hasSize(3).allSatisfy(s -> assertThat(s.evidence().name()).isEqualTo("chat"));
  }

  @Test
  void linesAcrossTheReadBufferAreWhole() throws IOException {
    String line = "y".repeat(100_000);
    BoundedLines lines = new BoundedLines(new StringReader(line + "\n" + line), line.length());

    assertThat(lines.next()).isEqualTo(line);
    assertThat(lines.next()).isEqualTo(line);
    assertThat(lines.next()).isNull();
    assertThat(lines.number()).isEqualTo(2);
  }
}
