package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ModelReferenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void describesTheModelInCamelCase() {
    ObjectNode record = ModelReference.describe(Fixtures.model("splade-pooled"), null);
    assertEquals(Fixtures.model("splade-pooled").fingerprint(), record.get("modelSha256").asText());
    assertEquals(24, record.get("modelConfig").get("maxLength").asInt());
    assertFalse(record.has("model_sha256") || record.get("modelConfig").has("max_length"), record.toString());
  }

  @Test
  void aRecordOfAnOlderLsrMatchesTheSameModelDescribedNow() throws IOException {
    ObjectNode now = ModelReference.describe(Fixtures.model("splade-pooled"), null);
    JsonNode older = JSON.readTree("""
        {"encoder": "splade", "model": "%s", "model_sha256": "%s",
         "model_config": {"type": "splade", "output": "weights", "max_length": 24, "query_prefix": "",
                          "passage_prefix": ""}}""".formatted(now.get("model").asText(), now.get("modelSha256").asText()));
    assertFalse(now.equals(older), "the spellings differ as written");
    assertEquals(now, ModelReference.withCurrentNames(older));
    assertEquals(now, ModelReference.withCurrentNames(now), "a current record is left as it is");
    assertEquals(Fixtures.model("splade-pooled").fingerprint(),
        ModelReference.resolve(older, "old record").fingerprint(), "and it still resolves");
  }

  @Test
  void aConfigThatDoesNotParseIsKeptAsWritten() throws IOException {
    JsonNode record = JSON.readTree("{\"model_config\": {\"type\": \"colbert\"}}");
    assertEquals(JSON.readTree("{\"modelConfig\": {\"type\": \"colbert\"}}"), ModelReference.withCurrentNames(record));
  }
}
