package lsr.query.ltr;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A boosted tree ensemble read from XGBoost's JSON model format and evaluated in plain Java.
 *
 * <p>XGBoost trains the model; serving does not call into its native library, so scoring is
 * thread-safe, allocation-free and costs no JNI round trip per query. The evaluation follows
 * XGBoost's rule: at a split node go left when {@code value < threshold}, follow the node's
 * default direction when the value is missing (NaN); a leaf's value sits where a split node keeps
 * its threshold. The margin is the base score plus the sum of the reached leaves, which for
 * {@code rank:ndcg} is the ranking score.
 */
final class TreeEnsemble {

  private final float baseScore;
  private final int featureCount;
  // Per tree, per node; a leaf has left[node] == -1.
  private final int[][] left;
  private final int[][] right;
  private final int[][] feature;
  private final float[][] threshold;
  private final boolean[][] defaultLeft;

  private TreeEnsemble(float baseScore, int featureCount, int[][] left, int[][] right, int[][] feature,
      float[][] threshold, boolean[][] defaultLeft) {
    this.baseScore = baseScore;
    this.featureCount = featureCount;
    this.left = left;
    this.right = right;
    this.feature = feature;
    this.threshold = threshold;
    this.defaultLeft = defaultLeft;
  }

  /**
   * Reads the {@code learner} of an XGBoost JSON model (the object {@code Booster.toByteArray("json")}
   * writes).
   *
   * @throws IllegalArgumentException when the model is not a single-output tree model over
   *     numerical features
   */
  static TreeEnsemble fromXgboostJson(JsonNode model) {
    JsonNode learner = required(model, "learner");
    JsonNode param = required(learner, "learner_model_param");
    int featureCount = Integer.parseInt(required(param, "num_feature").asText());
    String targets = param.path("num_target").asText("1");
    String classes = param.path("num_class").asText("0");
    if (!targets.equals("1") || !classes.equals("0")) {
      throw new IllegalArgumentException(
          "only single-output models are supported, got num_target " + targets + ", num_class " + classes);
    }
    // XGBoost 2+ writes the base score as a vector "[x]"; older versions as a plain number.
    String base = required(param, "base_score").asText().replace("[", "").replace("]", "").trim();
    JsonNode trees = required(required(required(learner, "gradient_booster"), "model"), "trees");
    int n = trees.size();
    int[][] left = new int[n][];
    int[][] right = new int[n][];
    int[][] feature = new int[n][];
    float[][] threshold = new float[n][];
    boolean[][] defaultLeft = new boolean[n][];
    for (int t = 0; t < n; t++) {
      JsonNode tree = trees.get(t);
      left[t] = ints(required(tree, "left_children"));
      right[t] = ints(required(tree, "right_children"));
      feature[t] = ints(required(tree, "split_indices"));
      threshold[t] = floats(required(tree, "split_conditions"));
      int[] defaults = ints(required(tree, "default_left"));
      int[] splitType = ints(tree.path("split_type"));
      defaultLeft[t] = new boolean[defaults.length];
      for (int node = 0; node < defaults.length; node++) {
        defaultLeft[t][node] = defaults[node] != 0;
        if (node < splitType.length && splitType[node] != 0) {
          throw new IllegalArgumentException("tree " + t + " node " + node + " has a categorical split; "
              + "only numerical features are supported");
        }
        if (left[t][node] != -1 && (feature[t][node] < 0 || feature[t][node] >= featureCount)) {
          throw new IllegalArgumentException("tree " + t + " node " + node + " splits on feature "
              + feature[t][node] + " of " + featureCount);
        }
      }
    }
    return new TreeEnsemble(Float.parseFloat(base), featureCount, left, right, feature, threshold, defaultLeft);
  }

  int featureCount() {
    return featureCount;
  }

  int treeCount() {
    return left.length;
  }

  /** The model's score of one feature row. */
  float score(float[] row) {
    if (row.length != featureCount) {
      throw new IllegalArgumentException("row has " + row.length + " features, model expects " + featureCount);
    }
    float sum = baseScore;
    for (int t = 0; t < left.length; t++) {
      int[] l = left[t];
      int node = 0;
      while (l[node] != -1) {
        float value = row[feature[t][node]];
        if (Float.isNaN(value)) {
          node = defaultLeft[t][node] ? l[node] : right[t][node];
        } else {
          node = value < threshold[t][node] ? l[node] : right[t][node];
        }
      }
      sum += threshold[t][node];
    }
    return sum;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      throw new IllegalArgumentException("XGBoost model lacks field '" + field + "'");
    }
    return child;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
