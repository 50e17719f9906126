package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeCommandTest {

  /** The encoder module's tiny test models, read in place (tests run in the cli module folder). */
  static final Path FIXTURES = Path.of("../encoder/src/test/resources/lsr/encoder/fixture").toAbsolutePath().normalize();

  static Path fixture(String name) {
    Path p = FIXTURES.resolve(name);
    assumeTrue(Files.isDirectory(p), "encoder fixture " + p + " not found; run from the repository");
    return p;
  }

  /** A seeded collection of {@code n} short documents, as an id<TAB>text file. */
  static Path collection(Path dir, int n, long seed) throws IOException {
    String[] words = "the quick brown fox jumps over lazy dog sparse dense retrieval learned term weight search engine index query document model vector token text java python onnx neural network".split(" ");
    Random random = new Random(seed);
    System.out.println("collection seed " + seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("doc").append(i).append('\t');
      int len = 3 + random.nextInt(40);
      for (int w = 0; w < len; w++) {
        sb.append(words[random.nextInt(words.length)]).append(' ');
      }
      lines.add(sb.toString().strip());
    }
    Path file = dir.resolve("collection.tsv");
    Files.write(file, lines);
    return file;
  }

  record Run(int exit, String err) {}

  static Run lsr(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int exit = Lsr.commandLine().execute(args);
      return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void writesOneSparseLinePerDocument(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 50, 7);
    Path out = dir.resolve("v.jsonl");
    Run run = lsr("encode", "--encoder", "splade", "--model", fixture("splade-pooled").toString(),
        "--input", input.toString(), "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("50 texts"), run.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(50, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals("doc0", first.get("id").asText());
    assertTrue(first.get("vector").size() > 0);
    first.get("vector").fields().forEachRemaining(e -> {
      assertTrue(!e.getKey().startsWith("["), "special token " + e.getKey());
      assertTrue(e.getValue().floatValue() > 0);
    });
  }

  @Test
  void quantizedQueriesFromABeirFolder(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"title\": \"\", \"text\": \"the cat\"}\n");
    Files.writeString(dir.resolve("queries.jsonl"),
        "{\"_id\": \"q1\", \"text\": \"fox fox dog\"}\n{\"_id\": \"q2\", \"text\": \"sparse search\"}\n");
    Path out = dir.resolve("q.jsonl");
    Run run = lsr("encode", "--encoder", "unicoil", "--model", fixture("unicoil").toString(), "--queries",
        "--quantize", "--input", dir.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, run.exit(), run.err());
    assertEquals("", run.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size());
    JsonNode q1 = new ObjectMapper().readTree(lines.get(0));
    assertEquals("q1", q1.get("id").asText());
    // The reference sums the two 'fox' weights: 0.5346587 -> impact 53.
    assertEquals(53, q1.get("vector").get("fox").intValue(), lines.get(0));
    assertTrue(q1.get("vector").get("fox").isIntegralNumber());
  }

  @Test
  void denseVectorsAreUnitLength(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 10, 11);
    Path out = dir.resolve("d.jsonl");
    Run run = lsr("encode", "--encoder", "dense", "--model", fixture("dense").toString(),
        "--input", input.toString(), "--out", out.toString(), "--quiet");
    assertEquals(0, run.exit(), run.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(10, lines.size());
    JsonNode v = new ObjectMapper().readTree(lines.get(3)).get("vector");
    assertEquals(16, v.size());
    double norm = 0;
    for (JsonNode x : v) {
      norm += x.doubleValue() * x.doubleValue();
    }
    assertEquals(1.0, norm, 1e-5);
  }

  @Test
  void otherSettingsAreRefusedOnAnExistingOutput(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 20, 3);
    Path out = dir.resolve("v.jsonl");
    String model = fixture("splade-pooled").toString();
    assertEquals(0, lsr("encode", "--encoder", "splade", "--model", model, "--input", input.toString(),
        "--out", out.toString(), "--quiet").exit());
    Run again = lsr("encode", "--encoder", "splade", "--model", model, "--input", input.toString(),
        "--out", out.toString(), "--quiet", "--top-k", "5");
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("was written with other settings: topK (0 then, 5 now)"), again.err());
  }

  @Test
  void anOutputOfAnotherInputIsRefused(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("v.jsonl");
    String model = fixture("splade-pooled").toString();
    Path a = collection(dir, 20, 3);
    assertEquals(0, lsr("encode", "--encoder", "splade", "--model", model, "--input", a.toString(),
        "--out", out.toString(), "--quiet").exit());
    // Same file name and settings, other content: the ids do not line up.
    Files.writeString(a, "x1\tother text\n".repeat(1) + Files.readString(a));
    Run again = lsr("encode", "--encoder", "splade", "--model", model, "--input", a.toString(),
        "--out", out.toString(), "--quiet");
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("the output belongs to another input"), again.err());
  }

  @Test
  void usageErrorsExitWithTwo(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 2, 1);
    Run run = lsr("encode", "--encoder", "colbert", "--input", input.toString(), "--out", "x.jsonl");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'colbert' is not an encoder"), run.err());
    Run mismatch = lsr("encode", "--encoder", "unicoil", "--model", fixture("splade-pooled").toString(),
        "--input", input.toString(), "--out", dir.resolve("o.jsonl").toString());
    assertEquals(2, mismatch.exit());
    assertTrue(mismatch.err().contains("--encoder unicoil but model"), mismatch.err());
  }

  @Test
  void aMissingInputFailsWithOne(@TempDir Path dir) {
    Run run = lsr("encode", "--encoder", "splade", "--model", fixture("splade-pooled").toString(),
        "--input", dir.resolve("nope.tsv").toString(), "--out", dir.resolve("o.jsonl").toString(), "--quiet");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("nope.tsv: no such file or folder"), run.err());
  }
}
