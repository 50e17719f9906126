package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code lsr encode} process mid-run (twice), reruns it, and checks that the output is
 * byte for byte the output of an uninterrupted run: no document lost or doubled.
 */
class EncodeResumeProcessTest {

  private static final int DOCS = 6000;

  @Test
  void aKilledRunResumesToTheSameOutput(@TempDir Path dir) throws Exception {
    Path input = EncodeCommandTest.collection(dir, DOCS, 42);
    String model = EncodeCommandTest.fixture("splade-logits").toString();
    Path reference = dir.resolve("reference.jsonl");
    assertEquals(0, EncodeCommandTest.lsr("encode", "--encoder", "splade", "--model", model, "--input",
        input.toString(), "--out", reference.toString(), "--quiet", "--threads", "2").exit());

    Path out = dir.resolve("resumed.jsonl");
    List<String> args = List.of("encode", "--encoder", "splade", "--model", model, "--input", input.toString(),
        "--out", out.toString(), "--threads", "2", "--batch-size", "4", "--quiet");
    long firstKill = killAfter(args, out, 200);
    long secondKill = killAfter(args, out, firstKill + 1500);
    assertTrue(secondKill > firstKill, "the second run continued: " + firstKill + " then " + secondKill);
    assertTrue(secondKill < DOCS, "the second run was killed before it finished (" + secondKill + " lines)");
    Process last = start(args);
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run finished");
    assertEquals(0, last.exitValue(), "see target/encode-resume-child.log");

    assertEquals(DOCS, Files.readAllLines(out).size());
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out),
        "the resumed output equals the uninterrupted one");
  }

  /** Starts the command and kills it once the output holds at least {@code lines} lines; returns its lines then. */
  static long killAfter(List<String> args, Path out, long lines) throws Exception {
    Process p = start(args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && lineCount(out) < lines && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(p.isAlive(), "the process must still be running when killed (it wrote " + lineCount(out)
        + " lines; exit " + (p.isAlive() ? "-" : p.exitValue()) + ")");
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    long written = lineCount(out);
    System.out.println("killed at " + written + " complete lines, " + Files.size(out) + " bytes");
    return written;
  }

  static Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Lsr.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target/encode-resume-child.log").toFile())).start();
  }

  private static long lineCount(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long n = 0;
    for (byte b : Files.readAllBytes(file)) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }
}
