package lsr.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data for tests, skipping them with a clear message when it is absent. */
final class SharedData {

  private SharedData() {}

  /** {@code relative} under ../shared/data (beside the repository root); skips the calling test when missing. */
  static Path path(String relative) {
    Path cwd = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(cwd.resolve("../../shared/data")) ? cwd.resolve("../../shared/data") : cwd.resolve("../shared/data");
    Path p = root.resolve(relative).normalize();
    assumeTrue(Files.exists(p), "skipped: " + p + " is absent (tests read real data from ../shared/data beside the repository root)");
    return p;
  }
}
