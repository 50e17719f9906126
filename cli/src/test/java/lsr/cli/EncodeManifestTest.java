package lsr.cli;

import static lsr.cli.EncodeCommandTest.collection;
import static lsr.cli.EncodeCommandTest.fixture;
import static lsr.cli.EncodeCommandTest.lsr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lsr.encoder.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest beside {@code lsr encode} output: written in camelCase, and a manifest written with
 * the old snake_case names (outputs users have on disk) still lets its output resume.
 */
class EncodeManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theManifestIsWrittenInCamelCase(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("v.jsonl");
    encode(collection(dir, 5, 3), out);
    JsonNode manifest = JSON.readTree(EncodingJob.manifestOf(out).toFile());
    for (String key : List.of("modelSha256", "modelConfig", "topK", "impactScale")) {
      assertTrue(manifest.has(key), key + " missing from " + manifest);
    }
    for (String old : EncodingJob.OLD_MANIFEST_KEYS.keySet()) {
      assertFalse(manifest.has(old), old + " written in " + manifest);
    }
    assertTrue(manifest.get("modelConfig").has("maxLength"), manifest.toString());
    for (String old : ModelConfig.OLD_KEYS.keySet()) {
      assertFalse(manifest.get("modelConfig").has(old), old + " written in " + manifest);
    }
  }

  @Test
  void anOutputWhoseManifestHasTheOldNamesResumes(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 20, 3);
    Path out = dir.resolve("v.jsonl");
    encode(input, out);
    List<String> complete = Files.readAllLines(out);
    assertEquals(20, complete.size());

    // As an older lsr left it: snake_case manifest, killed after 7 records.
    Path manifest = EncodingJob.manifestOf(out);
    Files.writeString(manifest, oldNames((ObjectNode) JSON.readTree(manifest.toFile())).toPrettyString());
    Files.write(out, complete.subList(0, 7));

    EncodeCommandTest.Run resumed = encode(input, out);
    assertEquals(0, resumed.exit(), resumed.err());
    List<String> after = Files.readAllLines(out);
    assertEquals(complete.subList(0, 7), after.subList(0, 7), "the records already written are kept");
    assertEquals(ids(complete), ids(after), "the rest is appended, each record once, in input order");
  }

  @Test
  void anOldManifestWithOtherSettingsIsStillRefused(@TempDir Path dir) throws IOException {
    Path input = collection(dir, 20, 3);
    Path out = dir.resolve("v.jsonl");
    encode(input, out);
    Path manifest = EncodingJob.manifestOf(out);
    Files.writeString(manifest, oldNames((ObjectNode) JSON.readTree(manifest.toFile())).toPrettyString());

    EncodeCommandTest.Run topK = encode(input, out, "--top-k", "5");
    assertEquals(1, topK.exit(), topK.err());
    assertTrue(topK.err().contains("was written with other settings: topK (0 then, 5 now)"), topK.err());

    EncodeCommandTest.Run shorter = encode(input, out, "--max-length", "16");
    assertEquals(1, shorter.exit(), shorter.err());
    assertTrue(shorter.err().contains("was written with other settings: modelSha256"), shorter.err());
    assertTrue(shorter.err().contains("modelConfig ({"), shorter.err());
  }

  @Test
  void withCurrentNamesMapsTheManifestAndItsModelConfig() throws IOException {
    ObjectNode old = (ObjectNode) JSON.readTree("""
        {"input": "/x.tsv", "model_sha256": "ab", "top_k": 0, "impact_scale": 100.0,
         "model_config": {"type": "splade", "output": "weights", "max_length": 24, "query_prefix": "",
                          "passage_prefix": ""}}""");
    ObjectNode renamed = EncodingJob.withCurrentNames(old);
    assertEquals(JSON.readTree("""
        {"input": "/x.tsv", "modelSha256": "ab", "topK": 0, "impactScale": 100.0,
         "modelConfig": {"type": "splade", "output": "weights", "maxLength": 24, "queryPrefix": "",
                         "passagePrefix": ""}}"""), renamed);
    // A config that no longer parses stays as written (and then differs from any run's config).
    ObjectNode broken = (ObjectNode) JSON.readTree("{\"model_config\": {\"type\": \"colbert\"}}");
    assertEquals(JSON.readTree("{\"modelConfig\": {\"type\": \"colbert\"}}"),
        EncodingJob.withCurrentNames(broken));
  }

  private static List<String> ids(List<String> lines) throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    for (String line : lines) {
      ids.add(JSON.readTree(line).get("id").asText());
    }
    return ids;
  }

  private static EncodeCommandTest.Run encode(Path input, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("encode", "--encoder", "splade", "--model",
        fixture("splade-pooled").toString(), "--input", input.toString(), "--out", out.toString(), "--quiet"));
    args.addAll(List.of(more));
    return lsr(args.toArray(String[]::new));
  }

  /** {@code manifest} as lsr wrote it before its JSON became camelCase, model config included. */
  private static ObjectNode oldNames(ObjectNode manifest) {
    ObjectNode old = JSON.createObjectNode();
    manifest.fields().forEachRemaining(e -> old.set(oldName(EncodingJob.OLD_MANIFEST_KEYS, e.getKey()), e.getValue()));
    ObjectNode config = JSON.createObjectNode();
    old.get("model_config").fields().forEachRemaining(e -> config.set(oldName(ModelConfig.OLD_KEYS, e.getKey()),
        e.getValue()));
    old.set("model_config", config);
    assertTrue(old.has("model_sha256") && old.has("top_k") && config.has("max_length"), old.toString());
    return old;
  }

  private static String oldName(Map<String, String> oldToNew, String key) {
    return oldToNew.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey)
        .findFirst().orElse(key);
  }
}
