package lsr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeBenchCommandTest {

  @Test
  void reportsEachModel(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 120, 13);
    Path json = dir.resolve("bench.json");
    EncodeCommandTest.Run run = EncodeCommandTest.lsr("encode-bench", "--model",
        EncodeCommandTest.fixture("splade-pooled").toString(), "--model", EncodeCommandTest.fixture("dense").toString(),
        "--input", input.toString(), "--docs", "100", "--warmup", "10", "--threads", "2", "--json", json.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, report.get("results").size());
    JsonNode splade = report.get("results").get(0);
    assertEquals("splade", splade.get("encoder").asText());
    assertEquals(100, splade.get("docs").asInt());
    assertTrue(splade.get("docsPerSecond").asDouble() > 0);
    assertTrue(splade.get("meanNonzeros").asDouble() > 0);
    for (String key : List.of("batchSize", "maxBatchTokens", "maxLength", "meanTokens", "docsPerSecondPerThread",
        "docsPerCpuSecond", "peakRssBytes", "peakHeapBytes")) {
      assertTrue(splade.has(key), key + " missing from " + splade);
    }
    splade.fieldNames().forEachRemaining(key -> assertFalse(key.contains("_"), "snake_case key " + key));
    assertEquals("dense", report.get("results").get(1).get("encoder").asText());
    assertTrue(report.get("machine").has("loadAverageAtStart") && report.get("machine").has("loadAverageAtEnd"),
        report.get("machine").toString());
  }

  @Test
  void tooFewTextsIsAUsageError(@TempDir Path dir) throws IOException {
    Path input = EncodeCommandTest.collection(dir, 5, 13);
    EncodeCommandTest.Run run = EncodeCommandTest.lsr("encode-bench", "--model",
        EncodeCommandTest.fixture("splade-pooled").toString(), "--input", input.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("has only 5 texts"), run.err());
  }
}
