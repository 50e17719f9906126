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

    // Built with other settings (as by an lsr shipping other weights or defaults): built again.
    CliRun other = demo("--query", "alarm bell", "--summary-energy", "0.5");
    assertEquals(0, other.exitCode(), other.err());
    assertTrue(other.err().contains("by other models or settings; building it again"), other.err());
    assertTrue(other.out().contains("Clock#ring()"), other.out());

    // A newer lsr reading a collection of an older format: built again.
    Path collection;
    try (var folders = Files.list(cache)) {
      collection = folders.findFirst().orElseThrow().resolve("collection");
    }
    Path docs;
    try (var files = Files.walk(collection)) {
      docs = files.filter(f -> f.getFileName().toString().equals("docs.lsr")).findFirst().orElseThrow();
    }
    setVersion(docs, 0);
    CliRun reformatted = demo("--query", "alarm bell");
    assertEquals(0, reformatted.exitCode(), reformatted.err());
    assertTrue(reformatted.err().contains("cannot be read") && reformatted.err().contains("format version 0"),
        reformatted.err());
    assertTrue(reformatted.out().contains("Clock#ring()"), reformatted.out());

    CliRun rebuilt = demo("--rebuild", "--query", "time of day");
    assertEquals(0, rebuilt.exitCode(), rebuilt.err());
    assertTrue(rebuilt.err().contains("indexing") && rebuilt.out().contains("Clock (demo)"), rebuilt.out());
  }

  /** Rewrites the body version of a container file, with a checksum that matches again. */
  static void setVersion(Path file, int version) throws IOException {
    byte[] b = Files.readAllBytes(file);
    java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(8, version);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
    Files.write(file, b);
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
