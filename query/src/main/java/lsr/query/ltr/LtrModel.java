package lsr.query.ltr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained learning-to-rank model: the names of the features it reads, in order, and a boosted tree
 * ensemble over them. Immutable and thread-safe.
 *
 * <p>File format (JSON, one object): {@code format} = {@value #FORMAT}, {@code version} =
 * {@value #VERSION}, {@code features} (names, in column order), {@code prior} (a {@link RankPrior}
 * label), {@code params} (training knobs),
 * {@code training} (what it was trained on), {@code xgboost} (the model as XGBoost writes it in
 * JSON). A model is only used with the feature set it names, so a pipeline with other stages fails
 * loudly instead of scoring garbage.
 */
public final class LtrModel {

  static final String FORMAT = "lsr-ltr-model";
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> features;
  private final TreeEnsemble trees;
  private final RankPrior prior;
  private final ObjectNode file;

  private LtrModel(List<String> features, TreeEnsemble trees, RankPrior prior, ObjectNode file) {
    this.features = List.copyOf(features);
    this.trees = trees;
    this.prior = prior;
    this.file = file;
  }

  /** Wraps a freshly trained XGBoost model (its JSON form) with what describes it. */
  static LtrModel of(List<String> features, JsonNode xgboost, LtrParams params, Map<String, Object> training) {
    TreeEnsemble trees = TreeEnsemble.fromXgboostJson(xgboost);
    if (trees.featureCount() != features.size()) {
      throw new IllegalArgumentException(
          "model has " + trees.featureCount() + " features, " + features.size() + " names given");
    }
    ObjectNode file = JSON.createObjectNode();
    file.put("format", FORMAT);
    file.put("version", VERSION);
    file.set("features", JSON.valueToTree(features));
    file.put("prior", params.prior().label());
    file.set("params", JSON.valueToTree(params.describe()));
    file.set("training", JSON.valueToTree(training));
    file.set("xgboost", xgboost);
    return new LtrModel(features, trees, params.prior(), file);
  }

  /** The feature names, in the column order {@link #score} expects. */
  public List<String> features() {
    return features;
  }

  /** Number of trees. */
  public int treeCount() {
    return trees.treeCount();
  }

  /** What the model was trained on, as recorded at training time. */
  public JsonNode training() {
    return file.get("training");
  }

  /**
   * One score per row; higher ranks first. Rows come in the order of the ranking being reranked
   * (best first), which the model's {@link RankPrior} starts from.
   */
  public float[] score(float[][] rows) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = prior.value(i) + trees.score(rows[i]);
    }
    return out;
  }

  public RankPrior prior() {
    return prior;
  }

  /**
   * Fails unless this model reads exactly {@code expected} features in that order.
   *
   * @throws IllegalArgumentException saying which names differ
   */
  public void requireFeatures(List<String> expected) {
    if (!features.equals(expected)) {
      List<String> missing = new ArrayList<>(expected);
      missing.removeAll(features);
      List<String> extra = new ArrayList<>(features);
      extra.removeAll(expected);
      throw new IllegalArgumentException("the LTR model was trained on other features than this pipeline "
          + "computes (model lacks " + missing + ", has extra " + extra + "); train one for this pipeline "
          + "with lsr train-ltr");
    }
  }

  public void save(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), file);
    Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws IOException when the file cannot be read, or is not a model of this format and version
   *     (the message names the file and the field)
   */
  public static LtrModel load(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "LTR model file not found");
    }
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("LTR model " + path + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new IOException("LTR model " + path + ": field 'format' must be '" + FORMAT + "'");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new IOException("LTR model " + path + ": unsupported version " + root.path("version")
          + " (this build reads version " + VERSION + ")");
    }
    JsonNode names = root.path("features");
    if (!names.isArray() || names.isEmpty()) {
      throw new IOException("LTR model " + path + ": field 'features' must be a non-empty array of names");
    }
    List<String> features = new ArrayList<>();
    names.forEach(n -> features.add(n.asText()));
    TreeEnsemble trees;
    try {
      trees = TreeEnsemble.fromXgboostJson(root.path("xgboost"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("LTR model " + path + ": field 'xgboost': " + e.getMessage(), e);
    }
    if (trees.featureCount() != features.size()) {
      throw new IOException("LTR model " + path + ": the trees read " + trees.featureCount()
          + " features but 'features' names " + features.size());
    }
    RankPrior prior;
    try {
      prior = RankPrior.parse(root.path("prior").asText("none"));
    } catch (IllegalArgumentException e) {
      throw new IOException("LTR model " + path + ": field 'prior': " + e.getMessage(), e);
    }
    return new LtrModel(features, trees, prior, (ObjectNode) root);
  }
}
