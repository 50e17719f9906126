package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import lsr.data.BeirDatasetWriter;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.Judgment;
import lsr.data.Query;
import lsr.data.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir Path dir;
  Path dataset;

  @BeforeEach
  void tinyDataset() throws IOException {
    dataset = dir.resolve("tiny");
    try (BeirDatasetWriter w = BeirDatasetWriter.create(dataset, "test")) {
      w.write(new Document("d1", "Wing flutter", "flutter of a swept wing at high speed"));
      w.write(new Document("d2", "Boundary layers", "laminar boundary layer on a flat plate"));
      w.write(new Document("d3", "Heat transfer", "heat transfer in a hypersonic boundary layer"));
      w.write(new Query("q1", "wing flutter"));
      w.write(new Query("q2", "boundary layer heat"));
      w.write(new Query("q3", "an unjudged query"));
      w.write(new Judgment("q1", "d1", 1));
      w.write(new Judgment("q2", "d3", 2));
      w.write(new Judgment("q2", "d2", 1));
    }
  }

  @Test
  void theCacheFollowsTheCorpusContentNotItsFileTime() throws IOException {
    Path cache = dir.resolve("cache");
    String[] args = {"eval", "--dataset", dataset.toString(), "--retriever", "bm25", "--cache", cache.toString()};
    CliRun first = CliRun.of(args);
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.err().contains("indexing tiny for BM25"), first.err());
    Path corpus = dataset.resolve("corpus.jsonl");
    Files.setLastModifiedTime(corpus, FileTime.fromMillis(Files.getLastModifiedTime(corpus).toMillis() + 60_000));
    CliRun touched = CliRun.of(args);
    assertEquals(0, touched.exitCode(), touched.err());
    assertTrue(!touched.err().contains("indexing tiny for BM25"), "a touched corpus is reused: " + touched.err());
    // Same size, other content: rebuilt.
    String text = Files.readString(corpus);
    Files.writeString(corpus, text.replace("flutter of a swept wing", "flutter of a swept vane"));
    CliRun changed = CliRun.of(args);
    assertEquals(0, changed.exitCode(), changed.err());
    assertTrue(changed.err().contains("indexing tiny for BM25"), "a changed corpus is indexed again: " + changed.err());
  }

  @Test
  void printsTheTableAndWritesExactlyTheDocumentedJsonAndTheRun() throws IOException {
    Path json = dir.resolve("out/bm25.json");
    Path run = dir.resolve("out/bm25.trec");
    CliRun r = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "bm25",
        "--json", json.toString(), "--run", run.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ndcg_cut_10"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tiny") && l.contains("bm25") && l.contains(" 2 ")), r.out());

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(List.of("dataset", "retriever", "queries", "metrics"), fieldNames(root));
    assertEquals("tiny", root.get("dataset").asText());
    assertEquals("bm25", root.get("retriever").asText());
    assertEquals(2, root.get("queries").asInt(), "judged queries only");
    assertEquals(List.of("ndcg_cut_10", "recall_100", "recall_1000", "map", "recip_rank", "P_10"),
        fieldNames(root.get("metrics")));
    // Both judged queries find their best document first.
    assertEquals(1.0, root.get("metrics").get("recip_rank").asDouble(), 1e-9);
    assertEquals(0.15, root.get("metrics").get("P_10").asDouble(), 1e-9);

    Run written = Run.readTrec(run, ErrorPolicy.strict());
    assertEquals(List.of("q1", "q2"), List.copyOf(written.queryIds()));
    assertEquals("d1", written.results("q1").get(0).docId());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, CliRun.of("eval").exitCode(), "missing --dataset");
    CliRun unknown = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "grep");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown retriever 'grep'"), unknown.err());
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--b", "2").exitCode());
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--analyzer", "klingon").exitCode());
    assertEquals(2, CliRun.of("eval", "--dataset", dataset.toString(), "--hits", "0").exitCode());
  }

  @Test
  void missingAndMalformedInputExitOneWithFileAndLine() throws IOException {
    CliRun missing = CliRun.of("eval", "--dataset", dir.resolve("nowhere").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("nowhere") && !missing.err().contains("\tat "), missing.err());

    Path qrels = dataset.resolve("qrels/test.tsv");
    Files.writeString(qrels, "q1\td1\tvery\n", java.nio.file.StandardOpenOption.APPEND);
    CliRun strict = CliRun.of("eval", "--dataset", dataset.toString());
    assertEquals(1, strict.exitCode());
    assertTrue(strict.err().contains(qrels + ":5: relevance 'very' is not an integer"), strict.err());

    CliRun lenient = CliRun.of("eval", "--dataset", dataset.toString(), "--lenient");
    assertEquals(0, lenient.exitCode(), lenient.err());
    assertTrue(lenient.err().contains("skipped 1 bad input item") && lenient.err().contains(qrels + ":5:"), lenient.err());
  }

  @Test
  void severalRetrieversWriteOneFilePerRetriever() {
    Path json = dir.resolve("r.json");
    CliRun r = CliRun.of("eval", "--dataset", dataset.toString(), "--retriever", "bm25,bm25", "--json", json.toString());
    // The same retriever twice is allowed and shows the naming scheme.
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.exists(dir.resolve("r.bm25.json")));
  }

  @Test
  void aKeptBm25IndexIsReusedOnlyWithItsAnalyzer() {
    String index = dir.resolve("bm25-index").toString();
    CliRun built = CliRun.of("eval", "--dataset", dataset.toString(), "--bm25-index", index, "--analyzer", "porter");
    assertEquals(0, built.exitCode(), built.err());
    assertTrue(Files.isDirectory(Path.of(index)));
    CliRun reused = CliRun.of("eval", "--dataset", dataset.toString(), "--bm25-index", index, "--analyzer", "porter");
    assertEquals(0, reused.exitCode(), reused.err());
    assertEquals(built.out(), reused.out());
    CliRun mismatch = CliRun.of("eval", "--dataset", dataset.toString(), "--bm25-index", index);
    assertEquals(2, mismatch.exitCode());
    assertTrue(mismatch.err().contains("was built with --analyzer porter, not english"), mismatch.err());
  }

  @Test
  void helpDescribesEveryOption() {
    CliRun help = CliRun.of("eval", "--help");
    assertEquals(0, help.exitCode());
    for (String option : List.of("--dataset", "--retriever", "--split", "--run", "--json", "--hits", "--k1", "--b", "--analyzer")) {
      assertTrue(help.out().contains(option), option + " in\n" + help.out());
    }
    String flat = help.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("(default: 0.9)") && flat.contains("(default: english)"), help.out());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
