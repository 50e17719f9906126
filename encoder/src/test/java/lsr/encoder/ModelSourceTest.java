package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lsr.data.SparseVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

  @Test
  void folderAndClasspathGiveTheSameModel() {
    ModelSource fromFolder = ModelSource.resolve(Fixtures.folder("splade-pooled").toString());
    ModelSource fromClasspath = Fixtures.model("splade-pooled");
    assertEquals(fromClasspath.config(), fromFolder.config());
    try (SparseEncoder a = Encoders.sparse(fromFolder, EncoderOptions.defaults());
        SparseEncoder b = Encoders.sparse(fromClasspath, EncoderOptions.defaults())) {
      List<SparseVector> va = a.encode(List.of("the lazy dog"), TextKind.PASSAGE);
      assertEquals(va, b.encode(List.of("the lazy dog"), TextKind.PASSAGE));
    }
  }

  @Test
  void theFingerprintFollowsWhatDecidesTheOutput(@TempDir Path dir) throws IOException {
    ModelSource shipped = Fixtures.model("splade-pooled");
    assertEquals(shipped.fingerprint(), ModelSource.resolve(Fixtures.folder("splade-pooled").toString()).fingerprint(),
        "the same files in a folder or on the classpath");
    assertNotEquals(shipped.fingerprint(), shipped.withConfig(shipped.config().withMaxLength(16)).fingerprint(),
        "another config");

    copy("splade-pooled", dir, "tokenizer.json", "lsr-model.json", "model.onnx");
    byte[] graph = Files.readAllBytes(dir.resolve("model.onnx"));
    graph[graph.length - 1] ^= 1;
    Files.write(dir.resolve("model.onnx"), graph);
    assertNotEquals(shipped.fingerprint(), ModelSource.folder(dir).fingerprint(), "other weights");
  }

  @Test
  void theFingerprintHashesTheParsedConfigNotTheFilesSpelling(@TempDir Path dir) throws IOException {
    // Renaming lsr-model.json's keys to camelCase must not change a model's fingerprint: collections
    // and encoded corpora record it, and another fingerprint would force users to encode again.
    ModelSource shipped = Fixtures.model("splade-pooled");
    copy("splade-pooled", dir, "tokenizer.json", "model.onnx");
    Files.writeString(dir.resolve("lsr-model.json"), """
        {"max_length": 24, "output": "weights", "type": "splade",
            "query_prefix": "", "passage_prefix": "", "name": "the same model, old key names"}
        """);
    assertEquals(shipped.fingerprint(), ModelSource.folder(dir).fingerprint(), "old snake_case key names");
    Files.writeString(dir.resolve("lsr-model.json"), "{\"type\": \"splade\", \"output\": \"weights\", \"maxLength\": 24}");
    assertEquals(shipped.fingerprint(), ModelSource.folder(dir).fingerprint(), "camelCase, defaults left out");
    Files.writeString(dir.resolve("lsr-model.json"), "{\"type\": \"splade\", \"output\": \"weights\", \"max_length\": 23}");
    assertNotEquals(shipped.fingerprint(), ModelSource.folder(dir).fingerprint(), "another maxLength");
  }

  @Test
  void aClasspathModelIsDigestedOnceHoweverOftenItIsResolved() {
    String first = Fixtures.model("splade-pooled").fingerprint();
    assertSame(first, Fixtures.model("splade-pooled").fingerprint(), "a second resolve hashed the graph again");
    ModelSource shorter = Fixtures.model("splade-pooled");
    shorter = shorter.withConfig(shorter.config().withMaxLength(16));
    assertNotEquals(first, shorter.fingerprint(), "the cache keeps configs apart");
  }

  @Test
  void aFolderMissingFilesIsNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("model.onnx"), "x");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelSource.folder(dir));
    assertTrue(e.getMessage().contains("lacks tokenizer.json, lsr-model.json"), e.getMessage());
  }

  @Test
  void anUnknownModelNameListsTheChoices() {
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelSource.resolve("no-such-model"));
    assertTrue(e.getMessage().contains("bge-small-en-v1.5"), e.getMessage());
  }

  @Test
  void aGraphThatIsNotOnnxIsRefused(@TempDir Path dir) throws IOException {
    copy("splade-pooled", dir, "tokenizer.json", "lsr-model.json");
    Files.writeString(dir.resolve("model.onnx"), "not a graph");
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> Encoders.sparse(ModelSource.folder(dir), EncoderOptions.defaults()));
    assertTrue(e.getMessage().contains("ONNX Runtime cannot load the graph"), e.getMessage());
  }

  @Test
  void theTypeMustMatchTheEncoder() {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> Encoders.sparse(Fixtures.model("dense"), EncoderOptions.defaults()));
    assertTrue(e.getMessage().contains("dense model"), e.getMessage());
    assertThrows(InvalidModelException.class,
        () -> new UniCoilEncoder(Fixtures.model("splade-logits"), EncoderOptions.defaults()));
  }

  @Test
  void aNamedOutputMustExist(@TempDir Path dir) throws IOException {
    copy("splade-logits", dir, "tokenizer.json", "model.onnx");
    Files.writeString(dir.resolve("lsr-model.json"), "{\"type\": \"splade\", \"output\": \"scores\"}");
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> Encoders.sparse(ModelSource.folder(dir), EncoderOptions.defaults()));
    assertTrue(e.getMessage().contains("names output 'scores' but the graph's outputs are [logits]"), e.getMessage());
  }

  @Test
  void aUniCoilGraphReadAsSpladeIsRefusedForItsShape(@TempDir Path dir) throws IOException {
    // [batch, seq, 1] read as SPLADE logits: the last dimension is not the vocabulary size.
    copy("unicoil", dir, "tokenizer.json", "model.onnx");
    Files.writeString(dir.resolve("lsr-model.json"), "{\"type\": \"splade\"}");
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> Encoders.sparse(ModelSource.folder(dir), EncoderOptions.defaults()));
    assertTrue(e.getMessage().contains("model and tokenizer do not match"), e.getMessage());
  }

  private static void copy(String fixture, Path dir, String... files) throws IOException {
    for (String f : files) {
      Files.copy(Fixtures.folder(fixture).resolve(f), dir.resolve(f));
    }
  }
}
