package dev.custody.extension.identity;

import dev.custody.core.config.CustodyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line for each identity file the operator named that proves nothing, which would otherwise
 * show only as an unknown or other workload on every case root: a path that does not exist, a
 * directory where a file is meant, a file too large or unreadable, or one that holds no SVID or
 * token.
 */
final class ConfiguredIdentityFiles {

  private ConfiguredIdentityFiles() {}

  static List<String> problems(CustodyConfig config) {
    List<String> problems = new ArrayList<>();
    String svidPath = config.svidPath();
    if (svidPath != null) {
      Path path = IdentityFiles.path(svidPath);
      String problem =
          path == null
              ? "is no path"
              : Files.isDirectory(path) ? directoryWithoutSvid(path) : fileProblem(path);
      if (problem == null && IdentityFiles.svid(path) == null) {
        problem = "holds no X.509 certificate with a spiffe:// URI";
      }
      report(
          problems, config, CustodyConfig.WORKLOAD_SPIFFE_SVID_PATH, svidPath, problem, "no SVID");
    }
    String tokenPath = config.kubernetesTokenPath();
    if (!tokenPath.equals(CustodyConfig.DEFAULT_KUBERNETES_TOKEN_PATH)) {
      Path path = IdentityFiles.path(tokenPath);
      String problem =
          path == null
              ? "is no path"
              : Files.isDirectory(path) ? "is a directory, not the token file" : fileProblem(path);
      if (problem == null && IdentityFiles.token(path) == null) {
        problem = "holds no JWT with a subject";
      }
      report(
          problems,
          config,
          CustodyConfig.WORKLOAD_KUBERNETES_TOKEN_PATH,
          tokenPath,
          problem,
          "no token");
    }
    return problems;
  }

  private static String directoryWithoutSvid(Path directory) {
    for (String name : IdentityFiles.SVID_FILE_NAMES) {
      if (Files.exists(directory.resolve(name))) {
        return fileProblem(directory.resolve(name));
      }
    }
    return "is a directory holding neither " + String.join(" nor ", IdentityFiles.SVID_FILE_NAMES);
  }

  private static String fileProblem(Path path) {
    try {
      if (!Files.exists(path)) {
        return "does not exist";
      }
      if (!Files.isReadable(path)) {
        return "cannot be read";
      }
      if (Files.size(path) > IdentityFiles.MAX_FILE_BYTES) {
        return "is larger than " + IdentityFiles.MAX_FILE_BYTES / 1024 + " KiB";
      }
      return null;
    } catch (IOException | SecurityException unreadable) {
      return "cannot be read (" + unreadable + ")";
    }
  }

  private static void report(
      List<String> problems,
      CustodyConfig config,
      String key,
      String value,
      String problem,
      String what) {
    if (problem != null) {
      int refresh = config.workloadRefreshSeconds();
      problems.add(
          "Custody: "
              + key
              + "='"
              + value
              + "' "
              + problem
              + ": the workload identity is detected with "
              + what
              + (refresh > 0
                  ? ", and again when the file changes (checked every " + refresh + " s)."
                  : "."));
    }
  }
}
