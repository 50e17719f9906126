package lsr.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lsr.index.seismic.PruningStrategy;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchGridTest {

  @TempDir Path dir;

  @Test
  void crossesEveryBuildValueAndEverySearchValueInBothSpellings() throws IOException {
    Path yaml = dir.resolve("g.yaml");
    Files.writeString(yaml, """
        methods: [seismic]
        seismic:
          build:
            n-postings: [100, 200]
            pruning: fixed-size
          search:
            queryCut: [5, 10, 20]
            heap-factor: 0.9
        """);
    BenchGrid grid = BenchGrid.read(yaml);
    assertEquals(List.of("exact", "seismic"), grid.methods(), "exact always runs: it is the ground truth");
    assertEquals(List.of(
        SeismicConfig.DEFAULTS.withPruning(PruningStrategy.FIXED_SIZE).withNPostings(100),
        SeismicConfig.DEFAULTS.withPruning(PruningStrategy.FIXED_SIZE).withNPostings(200)), grid.builds());
    assertEquals(3, grid.searches().size());
    assertEquals(SearchParams.DEFAULTS.withQueryCut(20).withHeapFactor(0.9), grid.searches().get(2));
  }

  @Test
  void unknownKnobsAndMethodsAreNamed() throws IOException {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "seismic:\n  build:\n    nPosting: 5\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchGrid.read(yaml));
    assertTrue(e.getMessage().contains("nPosting") && e.getMessage().contains(yaml.toString()), e.getMessage());
    Files.writeString(yaml, "methods: [faiss]\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchGrid.read(yaml)).getMessage().contains("faiss"));
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, BenchRunner.percentile(sorted, 0.5));
    assertEquals(10, BenchRunner.percentile(sorted, 0.99));
    assertEquals(1, BenchRunner.percentile(new long[] {1}, 0.99));
  }

  @Test
  void plotIsWellFormedSvgWithOneSeriesPerCurve() throws Exception {
    List<BenchResult> rows = List.of(
        new BenchResult("exact", Map.of(), 1.0, 5000, 4000, 9000, 200, 1, 10, 10, 0, 0),
        new BenchResult("seismic", Map.of("nPostings", 3500, "queryCut", 10, "heapFactor", 0.7), 0.97, 150, 120, 400, 9000, 60, 10, 10, 0, 0),
        new BenchResult("seismic", Map.of("nPostings", 3500, "queryCut", 10, "heapFactor", 0.9), 0.99, 250, 200, 600, 6000, 60, 10, 10, 0, 0),
        new BenchResult("lucene-impact", Map.of(), 0.99, 30000, 20000, 90000, 60, 100, 10, 10, 0, 0));
    String svg = RecallLatencyPlot.svg(rows, 10);
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(1, svg.split("<polyline", -1).length - 1, "one curve: the two Seismic points");
    assertTrue(svg.contains("seismic np=3500 cut=10") && svg.contains("lucene-impact") && svg.contains(">exact<"));
  }
}
