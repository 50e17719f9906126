package lsr.query.ltr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Trains LambdaMART models with XGBoost's {@code rank:ndcg} objective. */
public final class LambdaMart {

  private LambdaMart() {}

  /**
   * Trains on the groups that hold at least one relevant document (the others carry no pairwise
   * signal). Each group's rows come in the order of the ranking to rerank, best first: the rank
   * prior of {@code params} starts from it.
   *
   * @param features the column names of every group's rows
   * @throws IllegalArgumentException when no group has a relevant document, or rows do not have
   *     one value per feature name
   */
  public static LtrModel train(List<QueryGroup> groups, List<String> features, LtrParams params) {
    List<QueryGroup> useful = new ArrayList<>();
    for (QueryGroup g : groups) {
      if (g.size() > 0 && g.hasRelevant()) {
        if (g.features()[0].length != features.size()) {
          throw new IllegalArgumentException("query " + g.queryId() + " has rows of "
              + g.features()[0].length + " values for " + features.size() + " feature names");
        }
        useful.add(g);
      }
    }
    if (useful.isEmpty()) {
      throw new IllegalArgumentException("no training query has a relevant document among its candidates; "
          + "check the qrels and that the candidate depth reaches relevant documents");
    }
    int rows = 0;
    for (QueryGroup g : useful) {
      rows += g.size();
    }
    int f = features.size();
    float[] data = new float[rows * f];
    float[] labels = new float[rows];
    float[] prior = new float[rows];
    int[] groupSizes = new int[useful.size()];
    int r = 0;
    for (int q = 0; q < useful.size(); q++) {
      QueryGroup g = useful.get(q);
      groupSizes[q] = g.size();
      for (int i = 0; i < g.size(); i++, r++) {
        System.arraycopy(g.features()[i], 0, data, r * f, f);
        labels[r] = g.labels()[i];
        prior[r] = params.prior().value(i);
      }
    }
    Booster booster = null;
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(data, rows, f, Float.NaN);
      matrix.setLabel(labels);
      matrix.setGroup(groupSizes);
      if (params.prior() != RankPrior.NONE) {
        matrix.setBaseMargin(prior);
      }
      booster = XGBoost.train(matrix, params.toXgboost(), params.rounds(), new HashMap<>(), null, null);
      byte[] json = booster.toByteArray("json");
      Map<String, Object> training = new LinkedHashMap<>();
      training.put("queries", useful.size());
      training.put("documents", rows);
      return LtrModel.of(features, new ObjectMapper().readTree(json), params, training);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("XGBoost wrote a model that is not valid JSON", e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }
}
