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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code lsr index} process while it encodes (twice), reruns it, and checks that the
 * vectors and every Seismic index file are byte for byte those of an uninterrupted run (all but
 * {@code meta.lsr}, which records the build time).
 */
class IndexResumeProcessTest {

  private static final int DOCS = 6000;

  @Test
  void aKilledIndexRunResumesToTheSameIndex(@TempDir Path dir) throws Exception {
    Path input = EncodeCommandTest.collection(dir, DOCS, 99);
    String model = EncodeCommandTest.fixture("splade-logits").toString();
    Path reference = dir.resolve("reference");
    assertEquals(0, EncodeCommandTest.lsr("index", "--collection", input.toString(), "--encoder", "splade",
        "--model", model, "--out", reference.toString(), "--quiet", "--threads", "2").exit());

    Path out = dir.resolve("resumed");
    List<String> args = List.of("index", "--collection", input.toString(), "--encoder", "splade", "--model", model,
        "--out", out.toString(), "--threads", "2", "--batch-size", "4", "--quiet");
    Path vectors = out.resolve(IndexCommand.VECTORS);
    long first = EncodeResumeProcessTest.killAfter(args, vectors, 300);
    long second = EncodeResumeProcessTest.killAfter(args, vectors, first + 1500);
    assertTrue(first < second && second < DOCS, "killed twice while encoding: " + first + ", " + second);
    Process last = EncodeResumeProcessTest.start(args);
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run finished");
    assertEquals(0, last.exitValue(), "see target/encode-resume-child.log");

    assertArrayEquals(Files.readAllBytes(reference.resolve(IndexCommand.VECTORS)), Files.readAllBytes(vectors));
    List<String> files = indexFiles(reference.resolve(IndexCommand.SEISMIC));
    assertEquals(files, indexFiles(out.resolve(IndexCommand.SEISMIC)));
    assertTrue(files.size() >= 6, "index files: " + files);
    for (String f : files) {
      if (!f.equals("meta.lsr")) {
        assertArrayEquals(Files.readAllBytes(reference.resolve(IndexCommand.SEISMIC).resolve(f)),
            Files.readAllBytes(out.resolve(IndexCommand.SEISMIC).resolve(f)), f);
      }
    }
  }

  @Test
  void anUnfinishedBuildIsRedoneFromTheVectors(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 300, 5);
    String model = EncodeCommandTest.fixture("splade-pooled").toString();
    Path out = dir.resolve("idx");
    List<String> args = List.of("index", "--collection", input.toString(), "--encoder", "splade", "--model", model,
        "--out", out.toString(), "--quiet");
    assertEquals(0, EncodeCommandTest.lsr(args.toArray(String[]::new)).exit());
    byte[] postings = Files.readAllBytes(out.resolve("seismic/postings.lsr"));
    // What a build killed half-way leaves: a partial temporary folder, no finished one.
    Files.move(out.resolve(IndexCommand.SEISMIC), out.resolve(IndexCommand.SEISMIC + ".building"));
    Files.writeString(out.resolve(IndexCommand.SEISMIC + ".building/postings.lsr"), "truncated");
    assertEquals(0, EncodeCommandTest.lsr(args.toArray(String[]::new)).exit());
    assertArrayEquals(postings, Files.readAllBytes(out.resolve("seismic/postings.lsr")));
    assertTrue(!Files.exists(out.resolve(IndexCommand.SEISMIC + ".building")));
  }

  @Test
  void aCompleteIndexIsNotRebuilt(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 100, 8);
    List<String> args = List.of("index", "--collection", input.toString(), "--encoder", "splade", "--model",
        EncodeCommandTest.fixture("splade-pooled").toString(), "--out", dir.resolve("idx").toString());
    assertEquals(0, EncodeCommandTest.lsr(args.toArray(String[]::new)).exit());
    var built = Files.getLastModifiedTime(dir.resolve("idx/seismic/postings.lsr"));
    EncodeCommandTest.Run again = EncodeCommandTest.lsr(args.toArray(String[]::new));
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("complete and up to date; nothing to do"), again.err());
    assertEquals(built, Files.getLastModifiedTime(dir.resolve("idx/seismic/postings.lsr")));
    // Other Seismic settings: the vectors are reused, the index is rebuilt.
    List<String> other = new ArrayList<>(args);
    other.addAll(List.of("--summary-energy", "0.5"));
    EncodeCommandTest.Run rebuilt = EncodeCommandTest.lsr(other.toArray(String[]::new));
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    assertTrue(rebuilt.err().contains("Seismic index of 100 documents"), rebuilt.err());
  }

  @Test
  void anIndexOfPreEncodedVectorsIsRebuiltOnlyWhenTheVectorsChange(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 100, 8);
    assertEquals(0, EncodeCommandTest.lsr("index", "--collection", input.toString(), "--encoder", "splade",
        "--model", EncodeCommandTest.fixture("splade-pooled").toString(), "--out", dir.resolve("encoded").toString(),
        "--quiet").exit());
    Path vectors = Files.copy(dir.resolve("encoded").resolve(IndexCommand.VECTORS), dir.resolve("v.jsonl"));
    // The fixture model's own small vocabulary: --model names the vocabulary of the vectors.
    String[] args = {"index", "--vectors", vectors.toString(), "--model",
        EncodeCommandTest.fixture("splade-pooled").toString(), "--out", dir.resolve("idx").toString()};
    EncodeCommandTest.Run first = EncodeCommandTest.lsr(args);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains("Seismic index of 100 documents"), first.err());
    var built = Files.getLastModifiedTime(dir.resolve("idx/seismic/postings.lsr"));
    EncodeCommandTest.Run again = EncodeCommandTest.lsr(args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("complete and up to date; nothing to do"), again.err());
    assertEquals(built, Files.getLastModifiedTime(dir.resolve("idx/seismic/postings.lsr")));
    // Other vectors in the same file: rebuilt.
    List<String> lines = Files.readAllLines(vectors);
    Files.write(vectors, lines.subList(0, 99));
    EncodeCommandTest.Run changed = EncodeCommandTest.lsr(args);
    assertEquals(0, changed.exit(), changed.err());
    assertTrue(changed.err().contains("Seismic index of 99 documents"), changed.err());
  }

  private static List<String> indexFiles(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
