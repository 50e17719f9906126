package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lsr.index.collection.Collection;
import lsr.index.collection.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that change and describe a collection: {@code lsr index} in its three modes and from
 * pre-encoded vectors, {@code lsr delete}, {@code lsr merge} and {@code lsr info}.
 */
class CollectionCommandsTest {

  @TempDir Path dir;

  private static int run(String... args) {
    EncodeCommandTest.Run r = EncodeCommandTest.lsr(args);
    if (r.exit() != 0) {
      System.out.println(r.err());
    }
    return r.exit();
  }

  private JsonNode info(Path collection) throws IOException {
    CliRun r = CliRun.of("info", "--index", collection.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void appendUpdateDeleteMergeAndInfo() throws IOException {
    String model = EncodeCommandTest.fixture("splade-pooled").toString();
    Path first = Files.createDirectories(dir.resolve("a"));
    Path second = Files.createDirectories(dir.resolve("b"));
    Path a = EncodeCommandTest.collection(first, 100, 1);
    Path b = Files.writeString(second.resolve("more.tsv"), "new1\tquick search engine\nnew2\tlazy dense vector\n");
    Path books = dir.resolve("books");
    assertEquals(0, run("index", "--collection", a.toString(), "--encoder", "splade", "--model", model, "--out",
        books.toString(), "--quiet"));

    // Append wants new ids; the collection's own encoder is used.
    assertEquals(2, run("index", "--collection", b.toString(), "--out", books.toString(), "--mode", "append",
        "--encoder", "dense", "--quiet"), "the collection has no dense index");
    assertEquals(0, run("index", "--collection", b.toString(), "--out", books.toString(), "--mode", "append", "--quiet"));
    assertEquals(102, info(books).path("documents").asLong());
    EncodeCommandTest.Run twice = EncodeCommandTest.lsr("index", "--collection", b.toString(), "--out",
        books.toString(), "--mode", "append", "--quiet");
    assertEquals(0, twice.exit(), "the same job again does nothing: " + twice.err());

    Path changed = Files.writeString(second.resolve("changed.tsv"), "doc3\tbrown fox retrieval\nnew1\tsparse model\n");
    EncodeCommandTest.Run appendExisting = EncodeCommandTest.lsr("index", "--collection", changed.toString(), "--out",
        books.toString(), "--mode", "append", "--quiet");
    assertEquals(1, appendExisting.exit());
    assertTrue(appendExisting.err().contains("doc3") && appendExisting.err().contains("update"), appendExisting.err());
    EncodeCommandTest.Run update = EncodeCommandTest.lsr("index", "--collection", changed.toString(), "--out",
        books.toString(), "--mode", "update");
    assertEquals(0, update.exit(), update.err());
    assertTrue(update.err().contains("2 documents written (0 new, 2 replaced)"), update.err());
    JsonNode afterUpdate = info(books);
    assertEquals(102, afterUpdate.path("documents").asLong());
    assertEquals(3, afterUpdate.path("segments").size());
    try (Collection c = Collection.open(books); Snapshot s = c.acquire()) {
      assertEquals("brown fox retrieval", s.document("doc3").text());
    }

    Path ids = Files.writeString(dir.resolve("ids.txt"), "doc5\n\ndoc6\nnot-there\n");
    EncodeCommandTest.Run delete = EncodeCommandTest.lsr("delete", "--index", books.toString(), "--ids", ids.toString());
    assertEquals(0, delete.exit(), delete.err());
    assertTrue(delete.err().contains("2 documents deleted, 1 ids not in the collection"), delete.err());
    assertEquals(100, info(books).path("documents").asLong());

    assertEquals(0, run("merge", "--index", books.toString(), "--quiet"));
    JsonNode merged = info(books);
    assertEquals(1, merged.path("segments").size());
    assertEquals(0, merged.path("segments").get(0).path("deleted").asInt());
    assertEquals(100, merged.path("documents").asLong());
    assertEquals(0, CliRun.of("info", "--index", books.toString(), "--check").exitCode());

    // A damaged file is named by --check.
    Path docs = books.resolve(merged.path("segments").get(0).path("name").asText()).resolve("docs.lsr");
    byte[] bytes = Files.readAllBytes(docs);
    bytes[bytes.length / 2] ^= 1;
    Files.write(docs, bytes);
    CliRun check = CliRun.of("info", "--index", books.toString(), "--check");
    assertEquals(1, check.exitCode());
    assertTrue(check.out().contains("docs.lsr") && check.out().contains("checksum"), check.out());
  }

  @Test
  void preEncodedVectorsWithTheirTextsAndTheModelForQueries() throws IOException {
    String model = EncodeCommandTest.fixture("splade-pooled").toString();
    Path input = EncodeCommandTest.collection(dir, 50, 8);
    Path vectors = dir.resolve("v.jsonl");
    assertEquals(0, run("encode", "--encoder", "splade", "--model", model, "--input", input.toString(), "--out",
        vectors.toString(), "--quiet"));
    // Anserini's layout carries each passage's text as "contents": add it to what lsr encode wrote.
    ObjectMapper json = new ObjectMapper();
    List<String> texts = Files.readAllLines(input);
    List<String> lines = new java.util.ArrayList<>();
    List<String> encoded = Files.readAllLines(vectors);
    for (int i = 0; i < encoded.size(); i++) {
      com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(encoded.get(i));
      o.put("contents", texts.get(i).split("\t")[1]);
      lines.add(o.toString());
    }
    Files.write(vectors, lines);
    Path out = dir.resolve("pre");
    assertEquals(0, run("index", "--vectors", vectors.toString(), "--model", model, "--out", out.toString(), "--quiet"));
    JsonNode info = info(out);
    assertEquals(50, info.path("documents").asLong());
    assertEquals("splade", info.path("settings").path("sparse").get(0).path("name").asText());
    assertTrue(info.path("settings").path("sparse").get(0).path("encoder").path("model").asText().endsWith("splade-pooled"));
    try (Collection c = Collection.open(out); Snapshot s = c.acquire()) {
      assertEquals(texts.get(4).split("\t")[1], s.document("doc4").text(), "the vectors' text is stored");
      var hits = lsr.index.collection.SnapshotSearch.bm25(s, texts.get(4).split("\t")[1], 1,
          lsr.index.bm25.Bm25Params.DEFAULTS, s.masks());
      assertEquals(1, hits.size(), "and indexed with BM25");
    }
  }
}
