package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  @TempDir Path dir;

  @Test
  void measuresEveryMethodAndWritesTheDocumentedReport() throws IOException {
    Path data = dir.resolve("data");
    assertEquals(0, CliRun.of("gen-sparse", "--docs", "1500", "--queries", "30", "--topics", "15", "--out", data.toString()).exitCode());
    Path grid = dir.resolve("grid.yaml");
    Files.writeString(grid, """
        methods: [exact, seismic, lucene-impact]
        seismic:
          build:
            n-postings: 400
          search:
            queryCut: 10
            heap-factor: [0.7, 1.0]
        """);
    Path json = dir.resolve("out.json");
    CliRun r = CliRun.of("bench", "--docs", data.resolve("documents.jsonl").toString(), "--queries", data.resolve("queries.jsonl").toString(),
        "--grid", grid.toString(), "--json", json.toString(), "--threads", "2", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("lucene-impact") && r.out().contains("seismic"), r.out());

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode results = root.get("results");
    assertEquals(4, results.size());
    List<String> methods = new ArrayList<>();
    for (JsonNode row : results) {
      methods.add(row.get("method").asText());
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("method", "params", "recall", "meanUs", "p50Us", "p99Us", "qps", "buildSeconds", "indexBytes", "peakHeapBytes", "meanDocsScored", "meanCpuUs"), keys);
      assertTrue(row.get("recall").asDouble() >= 0 && row.get("recall").asDouble() <= 1);
      assertTrue(row.get("meanUs").asDouble() > 0 && row.get("qps").asDouble() > 0 && row.get("indexBytes").asLong() > 0);
      assertTrue(row.get("meanCpuUs").asDouble() > 0, "processor time is measured");
    }
    assertEquals(List.of("exact", "seismic", "seismic", "lucene-impact"), methods);
    assertEquals(1.0, results.get(0).get("recall").asDouble());
    assertEquals(400, results.get(1).get("params").get("nPostings").asInt());
    assertEquals(1.0, results.get(2).get("params").get("heapFactor").asDouble());
    String svg = Files.readString(dir.resolve("out.svg"));
    assertTrue(svg.startsWith("<svg") && svg.contains("lucene-impact") && svg.contains("polyline"), svg);
  }

  @Test
  void runsOnTheSeismicToyVectors() throws IOException {
    Path toy = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/seismic-toy").normalize();
    assumeTrue(Files.isDirectory(toy), "skipped: " + toy + " is absent (shared data lives beside the repository)");
    Path json = dir.resolve("toy.json");
    Path grid = dir.resolve("toy.yaml");
    Files.writeString(grid, "seismic:\n  search:\n    queryCut: [10, 1000]\n    heapFactor: [0.7, 1.0]\n");
    CliRun r = CliRun.of("bench", "--docs", toy.resolve("toy_documents.jsonl").toString(), "--queries", toy.resolve("toy_queries.jsonl").toString(),
        "--grid", grid.toString(), "--json", json.toString(), "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(20, root.get("setup").get("documents").asInt());
    JsonNode results = root.get("results");
    assertEquals(1.0, results.get(0).get("recall").asDouble(), "exact");
    // Twenty documents keep every posting: walking every query term with heap factor 1 finds the
    // exact top 10 up to the f16 rounding of weights; Lucene up to its 9-bit weights.
    JsonNode exhaustive = results.get(4);
    assertEquals(1000, exhaustive.get("params").get("queryCut").asInt());
    assertEquals(1.0, exhaustive.get("params").get("heapFactor").asDouble());
    assertTrue(exhaustive.get("recall").asDouble() >= 0.95, exhaustive.toString());
    assertTrue(results.get(5).get("recall").asDouble() >= 0.9, results.get(5).toString());
  }

  @Test
  void aBadGridIsAUsageError() throws IOException {
    Path grid = dir.resolve("bad.yaml");
    Files.writeString(grid, "seismic:\n  search:\n    heapFactr: 0.7\n");
    Path missing = dir.resolve("none.jsonl");
    CliRun r = CliRun.of("bench", "--docs", missing.toString(), "--queries", missing.toString(), "--grid", grid.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("heapFactr"), r.err());
  }
}
