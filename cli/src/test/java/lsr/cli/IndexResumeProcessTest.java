package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code lsr index} process while it encodes (twice) and while it writes the segment,
 * reruns it, and checks that every file of the collection but Lucene's (whose headers carry random
 * ids) and Seismic's {@code meta.lsr} (the build time) is byte for byte that of an uninterrupted run.
 */
class IndexResumeProcessTest {

  private static final int DOCS = 6000;

  @Test
  void aRunKilledWhileEncodingAndWhileWritingResumesToTheSameCollection(@TempDir Path dir) throws Exception {
    Path input = EncodeCommandTest.collection(dir, DOCS, 99);
    String model = EncodeCommandTest.fixture("splade-logits").toString();
    Path reference = dir.resolve("reference");
    assertEquals(0, EncodeCommandTest.lsr("index", "--collection", input.toString(), "--encoder", "splade",
        "--model", model, "--out", reference.toString(), "--quiet", "--threads", "2").exit());

    Path out = dir.resolve("resumed");
    List<String> args = List.of("index", "--collection", input.toString(), "--encoder", "splade", "--model", model,
        "--out", out.toString(), "--threads", "2", "--batch-size", "4", "--quiet");
    long first = killWhen(args, () -> staged(out) >= 300);
    long second = killWhen(args, () -> staged(out) >= first + 1500);
    assertTrue(first < second && second < DOCS, "killed twice while encoding: " + first + ", " + second);
    // Third: killed once every vector is staged, while the segment is being written.
    killWhen(args, () -> Files.isDirectory(out.resolve("seg-1")));
    assertFalse(Files.exists(out.resolve("commit-2.lsr")), "killed before its commit");
    Process last = EncodeResumeProcessTest.start(args);
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run finished");
    assertEquals(0, last.exitValue(), "see target/encode-resume-child.log");

    List<String> files = comparable(reference);
    assertEquals(files, comparable(out));
    assertTrue(files.size() >= 9, "files: " + files);
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
    }
    assertFalse(Files.exists(out.resolve("staging")), "the staged vectors are gone once committed");
    assertEquals(0, CliRun.of("info", "--index", out.toString(), "--check").exitCode());
  }

  @Test
  void aFinishedRunIsNotRepeatedAndCreateWillNotReplaceAnotherCollection(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 100, 8);
    List<String> args = new ArrayList<>(List.of("index", "--collection", input.toString(), "--encoder", "splade",
        "--model", EncodeCommandTest.fixture("splade-pooled").toString(), "--out", dir.resolve("idx").toString()));
    assertEquals(0, EncodeCommandTest.lsr(args.toArray(String[]::new)).exit());
    var built = Files.getLastModifiedTime(dir.resolve("idx/seg-1/sparse-splade/postings.lsr"));
    EncodeCommandTest.Run again = EncodeCommandTest.lsr(args.toArray(String[]::new));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("already holds this input (100 documents); nothing to do"), again.err());
    assertEquals(built, Files.getLastModifiedTime(dir.resolve("idx/seg-1/sparse-splade/postings.lsr")));

    args.addAll(List.of("--summary-energy", "0.5"));
    EncodeCommandTest.Run other = EncodeCommandTest.lsr(args.toArray(String[]::new));
    assertEquals(2, other.exit(), other.err());
    assertTrue(other.err().contains("already holds a collection (100 documents)") && other.err().contains("--mode"),
        other.err());
  }

  /** Starts the command and kills it once {@code ready} holds; returns the staged lines then. */
  private static long killWhen(List<String> args, BooleanSupplier ready) throws Exception {
    Process p = EncodeResumeProcessTest.start(args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (p.isAlive() && !ready.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    assertTrue(p.isAlive(), "the process must still be running when killed (exit "
        + (p.isAlive() ? "-" : p.exitValue()) + ")");
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    return stagedAfterKill(args);
  }

  private static long stagedAfterKill(List<String> args) {
    return staged(Path.of(args.get(args.indexOf("--out") + 1)));
  }

  /** Complete lines of the staged SPLADE vectors of {@code collection}. */
  private static long staged(Path collection) {
    Path staging = collection.resolve("staging");
    if (!Files.isDirectory(staging)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(staging)) {
      long n = 0;
      for (Path f : all.filter(p -> p.getFileName().toString().equals("splade.jsonl")).toList()) {
        for (byte b : Files.readAllBytes(f)) {
          n += b == '\n' ? 1 : 0;
        }
      }
      return n;
    } catch (IOException e) {
      return 0; // the file is being replaced: read again
    }
  }

  /** The collection's files that two builds of the same input write alike. */
  private static List<String> comparable(Path collection) throws IOException {
    try (Stream<Path> all = Files.walk(collection)) {
      return all.filter(Files::isRegularFile).map(p -> collection.relativize(p).toString())
          .filter(f -> f.startsWith("seg-") && !f.contains("/bm25/") && !f.endsWith("meta.lsr"))
          .sorted().toList();
    }
  }
}
