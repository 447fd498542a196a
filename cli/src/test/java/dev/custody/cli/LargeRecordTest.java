package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool reads a record many times larger than its heap: the file is streamed, and what is kept
 * grows with its spans (their numbers and digests, a case's facts), not with its size.
 */
class LargeRecordTest {

  private static final int CASES = 600;
  private static final int HEAP_MB = 32;

  @TempDir static Path dir;
  private static Path file;
  private static String middleCase;

  @BeforeAll
  static void exportALargeRecord() throws Exception {
    file = dir.resolve("traces.jsonl");
    middleCase = LargeRecord.export(file, CASES, 4, 100_000);
    assertThat(Files.size(file)).isGreaterThan(7L * HEAP_MB * 1024 * 1024);
  }

  @Test
  void verifyChecksEverySpan() throws Exception {
    Forked run = tool("verify", "--file", file.toString());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output).startsWith("INTACT: " + CASES * 5 + " spans");
  }

  @Test
  void caseKeepsOnlyItsOwnSpans() throws Exception {
    Forked run = tool("case", middleCase, "--file", file.toString());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output)
        .startsWith("Case " + middleCase)
        .contains("user" + CASES / 2 + "@example.com");
  }

  @Test
  void casesKeepsEachCasesFacts() throws Exception {
    Forked run = tool("cases", "--file", file.toString());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output).contains(middleCase).endsWith(CASES + " cases\n");
  }

  @Test
  void verifyKeepsTensOfBytesASpan() throws Exception {
    Path manySpans = dir.resolve("many-spans.jsonl");
    LargeRecord.export(manySpans, 30, 5_000, 10);

    Forked run = tool(HEAP_MB + 16, "verify", "--file", manySpans.toString());

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output).startsWith("INTACT: " + 30 * 5_001 + " spans");
  }

  /** The tool in a JVM whose heap is a fraction of the file. */
  private static Forked tool(String... args) throws Exception {
    return tool(HEAP_MB, args);
  }

  private static Forked tool(int heapMb, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMb + "m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CustodyCli.class.getName());
    command.addAll(List.of(args));
    File output = dir.resolve("output-" + args[0] + ".txt").toFile();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Forked(process.exitValue(), Files.readString(output.toPath()));
  }

  private record Forked(int exit, String output) {}
}
