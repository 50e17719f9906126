package lsr.query.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseVectorsTest {

  private final PrintWriter log = new PrintWriter(new StringWriter(), true);

  @Test
  void opensFlatOrHnswAndReusesTheBuiltIndex(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("vectors.jsonl"), """
        {"id": "a", "vector": [1, 0, 0]}

        {"id": "b", "vector": [0, 1, 0], "extra": {"ignored": [1, 2]}}
        {"id": "c", "vector": [0, 0, 1]}
        """);
    DenseIndex flat = DenseVectors.open(dir, 10, log);
    assertEquals("flat", flat.kind());
    assertEquals(3, flat.size());
    assertArrayEquals(new String[] {"b"}, flat.search(new float[] {0, 1, 0}, 1, null).ids());
    assertTrue(Files.isRegularFile(dir.resolve(FlatDenseIndex.FILE_NAME)));
    assertEquals("flat", DenseVectors.open(dir, 10, log).kind(), "reopened from dense.flat");

    Path big = dir.resolve("big");
    Files.createDirectories(big);
    Files.copy(dir.resolve("vectors.jsonl"), big.resolve("vectors.jsonl"));
    DenseIndex hnsw = DenseVectors.open(big, 2, log);
    assertEquals("hnsw", hnsw.kind());
    assertArrayEquals(new String[] {"c"}, hnsw.search(new float[] {0, 0, 1}, 1, null).ids());
    hnsw.close();
  }

  @Test
  void malformedLinesNameFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("vectors.jsonl"), "{\"id\": \"a\", \"vector\": [1, 2]}\n{\"id\": \"b\", \"vector\": [1]}\n");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DenseVectors.open(dir, 10, log));
    assertTrue(e.getMessage().contains("vectors.jsonl:2:") && e.getMessage().contains("1 dimensions"), e.getMessage());
    Files.writeString(dir.resolve("vectors.jsonl"), "{\"vector\": [1, 2]}\n");
    UncheckedIOException noId = assertThrows(UncheckedIOException.class, () -> DenseVectors.open(dir, 10, log));
    assertTrue(noId.getMessage().contains(":1:") && noId.getMessage().contains("\"id\""), noId.getMessage());
    assertThrows(IOException.class, () -> DenseVectors.open(dir.resolve("none"), 10, log));
  }
}
