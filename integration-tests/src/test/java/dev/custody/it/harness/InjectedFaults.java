package dev.custody.it.harness;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fault agent ({@link ForkedApp#withFaults()}) threw in one app: how many faults, in how
 * many methods, how many of them entering Custody's code from outside it (advice) and how many
 * inside what a library called back, and how many in each area (an instrumentation's folder, {@code
 * extension.identity}...).
 */
public record InjectedFaults(
    long thrown,
    int methods,
    long fromOutside,
    long inCallbacks,
    int classesRewritten,
    Map<String, Long> byArea) {

  private static final Pattern REPORT =
      Pattern.compile(
          "\\[custody-faults] threw (\\d+) faults in (\\d+) methods: (\\d+) entering from outside"
              + " Custody, (\\d+) inside library callbacks; (\\d+) classes rewritten; by area:(.*)");

  /** What the message of every fault the agent throws starts with. */
  public static final String FAULT_MESSAGE = "custody fault agent: failure injected";

  /** The report the fault agent printed at the app's exit. */
  public static InjectedFaults of(ForkedApp.Result result) {
    Matcher report = REPORT.matcher(result.stderr());
    if (!report.find()) {
      throw new AssertionError("the fault agent printed no report:\n" + result.stderr());
    }
    Map<String, Long> byArea = new TreeMap<>();
    for (String count : report.group(6).trim().split(" ")) {
      if (!count.isEmpty()) {
        byArea.put(
            count.substring(0, count.indexOf('=')),
            Long.parseLong(count.substring(count.indexOf('=') + 1)));
      }
    }
    return new InjectedFaults(
        Long.parseLong(report.group(1)),
        Integer.parseInt(report.group(2)),
        Long.parseLong(report.group(3)),
        Long.parseLong(report.group(4)),
        Integer.parseInt(report.group(5)),
        byArea);
  }
}
