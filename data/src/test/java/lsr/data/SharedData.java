package lsr.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data for tests, skipping them with a clear message when it is absent. */
final class SharedData {

  private SharedData() {}

  /** {@code relative} under the shared data folder; skips the calling test when it is missing. */
  static Path path(String relative) {
    Path root = root();
    Path p = root.resolve(relative);
    assumeTrue(Files.exists(p), "skipped: " + p.toAbsolutePath().normalize()
        + " is absent (tests read real data from ../shared/data beside the repository root)");
    return p;
  }

  /** The shared data folder: ../shared/data from the repository root (tests run in a module folder). */
  static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    Path fromModule = cwd.resolve("../../shared/data").normalize();
    return Files.isDirectory(fromModule) ? fromModule : cwd.resolve("../shared/data").normalize();
  }
}
