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
import lsr.data.ErrorPolicy;
import lsr.data.VectorJsonlReader;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenSparseCommandTest {

  @TempDir Path dir;

  @Test
  void writesSeededVectorsOfTheDocumentedShape() throws IOException {
    CliRun r = CliRun.of("gen-sparse", "--docs", "300", "--queries", "40", "--topics", "20", "--out", dir.resolve("a").toString(), "--threads", "2");
    assertEquals(0, r.exitCode(), r.err());
    List<VectorRecord> docs = read(dir.resolve("a/documents.jsonl"));
    List<VectorRecord> queries = read(dir.resolve("a/queries.jsonl"));
    assertEquals(300, docs.size());
    assertEquals(40, queries.size());
    for (VectorRecord d : docs) {
      assertTrue(d.vector().size() >= 100 && d.vector().size() <= 250, "document length " + d.vector().size());
    }
    for (VectorRecord q : queries) {
      assertTrue(q.vector().size() >= 20 && q.vector().size() <= 60, "query length " + q.vector().size());
    }
    assertEquals("0", docs.get(0).id());

    CliRun again = CliRun.of("gen-sparse", "--docs", "300", "--queries", "40", "--topics", "20", "--out", dir.resolve("b").toString(), "--threads", "1");
    assertEquals(0, again.exitCode(), again.err());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/documents.jsonl")), Files.readAllBytes(dir.resolve("b/documents.jsonl")),
        "same seed, any thread count: same file");

    CliRun other = CliRun.of("gen-sparse", "--docs", "300", "--queries", "0", "--topics", "20", "--seed", "7", "--out", dir.resolve("c").toString(), "--gzip");
    assertEquals(0, other.exitCode(), other.err());
    assertFalse(read(dir.resolve("c/documents.jsonl.gz")).get(0).vector().equals(docs.get(0).vector()));
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertEquals(2, CliRun.of("gen-sparse", "--docs", "0", "--out", dir.toString()).exitCode());
    assertEquals(2, CliRun.of("gen-sparse", "--docs", "10", "--layout", "csv", "--out", dir.toString()).exitCode());
    assertEquals(2, CliRun.of("gen-sparse", "--out", dir.toString()).exitCode());
  }

  static List<VectorRecord> read(Path file) throws IOException {
    List<VectorRecord> out = new ArrayList<>();
    try (VectorJsonlReader r = VectorJsonlReader.open(file, Vocabulary.bertBaseUncased(), ErrorPolicy.strict())) {
      r.forEach(out::add);
    }
    return out;
  }
}
