package lsr.query.ltr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation over queries: the queries are shuffled (seeded) and dealt into k folds;
 * fold i's queries are scored by a model trained on the other folds only, so no query is ever
 * scored by a model that saw it.
 */
public final class CrossValidation {

  /** One split: the queries a model trains on and the disjoint queries it then scores. */
  public record Fold(List<String> trainQueries, List<String> testQueries) {}

  /** The out-of-fold scores of every query's rows and the model of each fold. */
  public record Result(Map<String, float[]> scores, List<LtrModel> models, List<Fold> folds) {}

  private CrossValidation() {}

  /**
   * Deals {@code queryIds} into {@code k} folds of near-equal size.
   *
   * @throws IllegalArgumentException when k < 2 or there are fewer queries than folds
   */
  public static List<Fold> folds(List<String> queryIds, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + k);
    }
    if (queryIds.size() < k) {
      throw new IllegalArgumentException(
          queryIds.size() + " queries cannot be split into " + k + " folds; use fewer folds");
    }
    List<String> shuffled = new ArrayList<>(queryIds);
    Collections.sort(shuffled); // the input order must not change the folds
    Collections.shuffle(shuffled, new Random(seed));
    List<List<String>> test = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      test.add(new ArrayList<>());
    }
    for (int i = 0; i < shuffled.size(); i++) {
      test.get(i % k).add(shuffled.get(i));
    }
    List<Fold> folds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<String> train = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        if (j != i) {
          train.addAll(test.get(j));
        }
      }
      folds.add(new Fold(List.copyOf(train), List.copyOf(test.get(i))));
    }
    return folds;
  }

  /**
   * Trains one model per fold and scores each held-out query with the model of its fold.
   *
   * @param seed shuffles the queries into folds (the training seed is in {@code params})
   */
  public static Result run(List<QueryGroup> groups, List<String> features, int k, LtrParams params, long seed) {
    Map<String, QueryGroup> byId = new LinkedHashMap<>();
    for (QueryGroup g : groups) {
      if (byId.putIfAbsent(g.queryId(), g) != null) {
        throw new IllegalArgumentException("query " + g.queryId() + " appears twice");
      }
    }
    List<Fold> folds = folds(new ArrayList<>(byId.keySet()), k, seed);
    Map<String, float[]> scores = new HashMap<>();
    List<LtrModel> models = new ArrayList<>();
    for (Fold fold : folds) {
      List<QueryGroup> train = new ArrayList<>();
      fold.trainQueries().forEach(q -> train.add(byId.get(q)));
      LtrModel model = LambdaMart.train(train, features, params);
      models.add(model);
      for (String q : fold.testQueries()) {
        scores.put(q, model.score(byId.get(q).features()));
      }
    }
    return new Result(Map.copyOf(scores), List.copyOf(models), folds);
  }
}
