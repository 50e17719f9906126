package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelConfigTest {

  @Test
  void defaults() {
    ModelConfig c = ModelConfig.parse("{\"type\": \"splade\"}", "f");
    assertEquals(ModelType.SPLADE, c.type());
    assertNull(c.output());
    assertEquals(ModelConfig.DEFAULT_MAX_LENGTH, c.maxLength());
    assertEquals("", c.queryPrefix());
    assertEquals("", c.passagePrefix());
    assertTrue(c.normalize());
    assertEquals(ModelConfig.ALL_TERMS, c.queryTopK());
  }

  @Test
  void everyKey() {
    ModelConfig c = ModelConfig.parse("""
        {"type": "dense", "output": "last_hidden_state", "maxLength": 512, "pooling": "cls",
         "queryPrefix": "q: ", "passagePrefix": "p: ", "normalize": false, "maxBatchSize": 1,
         "name": "x", "description": "y"}""", "f");
    assertEquals(new ModelConfig(ModelType.DENSE, "last_hidden_state", 512, Pooling.CLS, "q: ", "p: ", false, 1,
        ModelConfig.ALL_TERMS), c);
    assertEquals("q: ", c.prefix(TextKind.QUERY));
    assertEquals("p: ", c.prefix(TextKind.PASSAGE));
  }

  @Test
  void filesWrittenWithTheOldSnakeCaseKeysStillRead() {
    // lsr-model.json as lsr wrote it before its JSON became camelCase (users have such folders).
    ModelConfig dense = ModelConfig.parse("""
        {"type": "dense", "output": "last_hidden_state", "max_length": 512, "pooling": "cls",
         "query_prefix": "q: ", "passage_prefix": "p: ", "normalize": false, "max_batch_size": 1,
         "name": "x", "description": "y"}""", "f");
    assertEquals(new ModelConfig(ModelType.DENSE, "last_hidden_state", 512, Pooling.CLS, "q: ", "p: ", false, 1,
        ModelConfig.ALL_TERMS), dense);
    ModelConfig sparse = ModelConfig.parse("""
        {"type": "splade", "output": "splade", "max_length": 256, "query_prefix": "", "passage_prefix": "",
         "max_batch_size": 1, "query_top_k": 64}""", "f");
    assertEquals(ModelConfig.parse("""
        {"type": "splade", "output": "splade", "maxLength": 256, "queryPrefix": "", "passagePrefix": "",
         "maxBatchSize": 1, "queryTopK": 64}""", "f"), sparse);
    assertEquals(64, sparse.queryTopK());
  }

  @Test
  void aKeyGivenUnderBothNamesIsRefused() {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> ModelConfig.parse("{\"type\": \"splade\", \"maxLength\": 128, \"max_length\": 256}", "m/lsr-model.json"));
    assertEquals("m/lsr-model.json: \"maxLength\" is given twice, also under its old name \"max_length\";"
        + " keep only \"maxLength\"", e.getMessage());
  }

  @Test
  void readsTheQueryCapOfSparseModels() {
    assertEquals(64, ModelConfig.parse("{\"type\": \"splade\", \"queryTopK\": 64}", "f").queryTopK());
  }

  @Test
  void roundTripsThroughJson() {
    ModelConfig c = new ModelConfig(ModelType.DENSE, "out", 128, Pooling.MEAN, "a", "b", false, 4,
        ModelConfig.ALL_TERMS);
    assertEquals(c, ModelConfig.parse(c.toJson(), "f"));
    ModelConfig s = new ModelConfig(ModelType.UNICOIL, null, 64, null, "", "", true, ModelConfig.UNLIMITED_BATCH, 32);
    assertEquals(s, ModelConfig.parse(s.toJson(), "f"));
  }

  @Test
  void writesOnlyCamelCaseKeys() throws Exception {
    ModelConfig c = new ModelConfig(ModelType.UNICOIL, "out", 64, null, "q", "p", true, 1, 32);
    JsonNode json = new ObjectMapper().readTree(c.toJson());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("type", "output", "maxLength", "queryPrefix", "passagePrefix", "maxBatchSize", "queryTopK"),
        keys);
    for (String old : ModelConfig.OLD_KEYS.keySet()) {
      assertFalse(c.toJson().contains(old), old + " in " + c.toJson());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\": \"splade\", \"max_lenght\": 3} | m/lsr-model.json: unknown key \"max_lenght\"",
      "{\"type\": \"splade\", \"maxLenght\": 3} | m/lsr-model.json: unknown key \"maxLenght\"",
      "{} | m/lsr-model.json: \"type\" is required",
      "{\"type\": \"colbert\"} | \"type\" must be \"splade\", \"unicoil\" or \"dense\", got \"colbert\"",
      "{\"type\": \"splade\", \"maxLength\": 1} | maxLength must be in 2..8192, got 1",
      "{\"type\": \"splade\", \"max_length\": 1} | maxLength must be in 2..8192, got 1",
      "{\"type\": \"splade\", \"maxLength\": \"256\"} | \"maxLength\" must be an integer",
      "{\"type\": \"splade\", \"max_length\": \"256\"} | \"maxLength\" must be an integer",
      "{\"type\": \"splade\", \"pooling\": \"cls\"} | pooling applies to dense models only",
      "{\"type\": \"dense\", \"pooling\": \"max\"} | \"pooling\" must be \"cls\" or \"mean\"",
      "{\"type\": \"dense\", \"normalize\": \"yes\"} | \"normalize\" must be true or false",
      "{\"type\": \"splade\", \"maxBatchSize\": 0} | maxBatchSize must be >= 1, got 0",
      "{\"type\": \"splade\", \"maxBatchSize\": 1.5} | \"maxBatchSize\" must be an integer",
      "{\"type\": \"splade\", \"queryTopK\": -1} | queryTopK must be >= 0 (0 keeps all), got -1",
      "{\"type\": \"splade\", \"queryTopK\": \"64\"} | \"queryTopK\" must be an integer",
      "{\"type\": \"dense\", \"queryTopK\": 8} | queryTopK applies to sparse models only",
      "{\"type\": \"dense\", \"query_top_k\": 8} | queryTopK applies to sparse models only",
      "{\"type\": 3} | \"type\" must be a string",
      "[1] | expected a JSON object",
      "{\"type\": | not valid JSON"})
  void refusesBadConfigsWithAClearMessage(String json, String message) {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> ModelConfig.parse(json, "m/lsr-model.json"));
    assertTrue(e.getMessage().startsWith("m/lsr-model.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
