package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lsr.index.seismic.SeismicFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path dir;
  Path sources;
  Path cache;

  @BeforeEach
  void tinySourceArchive() throws IOException {
    sources = dir.resolve("src.zip");
    cache = dir.resolve("cache");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(sources))) {
      out.putNextEntry(new ZipEntry("demo.mod/demo/Clock.java"));
      out.write("""
          package demo;
          /** A clock that tells the time of day. */
          public class Clock {
            /** Sleeps for the given number of milliseconds. */
            public void sleep(long millis) {}
            /** Rings the alarm bell. */
            public void ring() {}
          }
          """.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  private CliRun demo(String... extra) {
    String[] base = {"demo", "--sources", sources.toString(), "--cache", cache.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  void indexesOnceThenAnswersQueriesFromTheCache() throws IOException {
    // All three documents: how a reranker trained on other collections orders three toy documents says
    // nothing about the demo; that the matching member and its comment are answered does.
    CliRun first = demo("--query", "sleep milliseconds", "--k", "3");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.err().contains("indexing"), first.err());
    assertTrue(first.out().contains("1.") && first.out().contains("Clock#sleep(long)"), first.out());
    assertTrue(first.out().contains("Sleeps for the given number of milliseconds."), first.out());

    CliRun again = demo("--query", "alarm bell");
    assertEquals(0, again.exitCode(), again.err());
    assertFalse(again.err().contains("indexing"), "reuses the cached index: " + again.err());
    assertTrue(again.out().contains("Clock#ring()"), again.out());

    // A newer lsr shipping other SPLADE weights: the index they did not encode is built again.
    Path description;
    try (var folders = Files.list(cache)) {
      description = folders.findFirst().orElseThrow().resolve("lsr-index.json");
    }
    Files.writeString(description, Files.readString(description)
        .replaceFirst("\"model_sha256\" *: *\"[0-9a-f]{64}\"", "\"model_sha256\": \"" + "0".repeat(64) + "\""));
    CliRun upgraded = demo("--query", "alarm bell");
    assertEquals(0, upgraded.exitCode(), upgraded.err());
    assertTrue(upgraded.err().contains("was encoded by another version of"), upgraded.err());
    assertTrue(upgraded.out().contains("Clock#ring()"), upgraded.out());

    // A newer lsr reading an index of an older Seismic format: rebuilt from the kept vectors.
    Files.writeString(description, Files.readString(description).replaceFirst("\"seismic_format\" *: *\\d+", "\"seismic_format\": 1"));
    CliRun reformatted = demo("--query", "alarm bell");
    assertEquals(0, reformatted.exitCode(), reformatted.err());
    assertTrue(Files.readString(description).matches("(?s).*\"seismic_format\" *: *" + SeismicFormat.VERSION + "\\b.*"),
        "index rebuilt in the current format: " + Files.readString(description));
    assertFalse(reformatted.err().contains("was encoded by another version"), reformatted.err());

    CliRun rebuilt = demo("--rebuild", "--query", "time of day");
    assertEquals(0, rebuilt.exitCode(), rebuilt.err());
    assertTrue(rebuilt.err().contains("indexing") && rebuilt.out().contains("Clock (demo)"), rebuilt.out());
  }

  @Test
  void readsOneQueryPerLineFromStandardInput() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("alarm bell\n\nsleep\n".getBytes(StandardCharsets.UTF_8)));
      CliRun r = demo("--query", "-");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("alarm bell  (") && r.out().contains("sleep  ("), r.out());
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void failuresAndUsageErrorsHaveTheirExitCodes() {
    CliRun missing = CliRun.of("demo", "--sources", dir.resolve("none.zip").toString(), "--cache", cache.toString(), "--query", "x");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("none.zip") && missing.err().contains("src.zip"), missing.err());
    assertEquals(2, demo("--k", "0").exitCode());
    assertEquals(2, demo("--no-such-option").exitCode());
    assertEquals(0, CliRun.of("demo", "--help").exitCode());
  }
}
