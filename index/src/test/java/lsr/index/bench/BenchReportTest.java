package lsr.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  private static final BenchResult EXACT = new BenchResult("exact", Map.of(), 1.0, 16.5, 17.7, 20.6, 13450.8,
      0.002, 258576, 199145296, 10.8, 17.9);

  @Test
  void theJsonReportNamesEveryFieldInCamelCase(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bench.json");
    new BenchReport(Map.of("k", 10), List.of(EXACT)).writeJson(file);
    JsonNode row = new ObjectMapper().readTree(file.toFile()).get("results").get(0);
    List<String> keys = new ArrayList<>();
    row.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("method", "params", "recall", "meanUs", "p50Us", "p99Us", "qps", "buildSeconds",
        "indexBytes", "peakHeapBytes", "meanDocsScored", "meanCpuUs"), keys);
    assertEquals(16.5, row.get("meanUs").doubleValue());
    assertEquals(0.002, row.get("buildSeconds").doubleValue());
    assertEquals(258576, row.get("indexBytes").longValue());
    assertEquals(17.9, row.get("meanCpuUs").doubleValue());
  }

  @Test
  void theTableHeadsItsColumnsWithTheJsonNames() {
    String header = new BenchReport(Map.of(), List.of(EXACT)).table().lines().findFirst().orElseThrow();
    for (String name : List.of("meanUs", "meanCpuUs", "p50Us", "p99Us", "qps", "buildSeconds")) {
      assertTrue(header.contains(name), name + " not in " + header);
    }
  }
}
