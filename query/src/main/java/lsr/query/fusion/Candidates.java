package lsr.query.fusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The candidates of one query gathered from several retrieval stages: the union of their
 * documents, and for each (stage, document) the stage's score and rank, or nothing when that stage
 * did not return the document.
 *
 * <p>Documents are numbered 0..size()-1 in order of first appearance (stages in the order given,
 * each best first), so everything computed from a table is deterministic.
 */
public final class Candidates {

  private final List<String> stages;
  private final List<String> docs;
  private final Map<String, Integer> docIndex;
  private final float[][] scores; // [stage][doc], NaN where the stage did not return the doc
  private final int[][] ranks; // [stage][doc], 1-based, 0 where the stage did not return the doc
  private final int[] depths; // how many documents each stage returned

  private Candidates(List<String> stages, List<String> docs, Map<String, Integer> docIndex,
      float[][] scores, int[][] ranks, int[] depths) {
    this.stages = stages;
    this.docs = docs;
    this.docIndex = docIndex;
    this.scores = scores;
    this.ranks = ranks;
    this.depths = depths;
  }

  /**
   * Gathers the rankings of the named stages, in their iteration order.
   *
   * @throws IllegalArgumentException when a ranking holds the same id twice
   */
  public static Candidates of(SequencedMap<String, Ranking> byStage) {
    Map<String, Integer> index = new HashMap<>();
    List<String> docs = new ArrayList<>();
    for (Ranking ranking : byStage.values()) {
      for (String id : ranking.ids()) {
        if (index.putIfAbsent(id, docs.size()) == null) {
          docs.add(id);
        }
      }
    }
    List<String> stages = List.copyOf(byStage.keySet());
    float[][] scores = new float[stages.size()][docs.size()];
    int[][] ranks = new int[stages.size()][docs.size()];
    int[] depths = new int[stages.size()];
    int s = 0;
    for (Map.Entry<String, Ranking> entry : byStage.entrySet()) {
      Arrays.fill(scores[s], Float.NaN);
      Ranking ranking = entry.getValue();
      for (int r = 0; r < ranking.size(); r++) {
        int d = index.get(ranking.id(r));
        if (ranks[s][d] != 0) {
          throw new IllegalArgumentException(
              "stage " + entry.getKey() + " returned document " + ranking.id(r) + " twice");
        }
        ranks[s][d] = r + 1;
        scores[s][d] = ranking.score(r);
      }
      depths[s] = ranking.size();
      s++;
    }
    return new Candidates(stages, List.copyOf(docs), index, scores, ranks, depths);
  }

  /** A table of a single stage. */
  public static Candidates of(String stage, Ranking ranking) {
    SequencedMap<String, Ranking> one = new LinkedHashMap<>();
    one.put(stage, ranking);
    return of(one);
  }

  /** The stage names, in the order given. */
  public List<String> stages() {
    return stages;
  }

  public int stageCount() {
    return stages.size();
  }

  /** The index of {@code stage}, or -1 when it is not in the table. */
  public int stageIndex(String stage) {
    return stages.indexOf(stage);
  }

  /** Number of distinct documents over all stages. */
  public int size() {
    return docs.size();
  }

  /** The external id of document {@code d}. */
  public String doc(int d) {
    return docs.get(d);
  }

  /** The index of document {@code id}, or -1 when no stage returned it. */
  public int indexOf(String id) {
    Integer d = docIndex.get(id);
    return d == null ? -1 : d;
  }

  /** Whether stage {@code s} returned document {@code d}. */
  public boolean found(int s, int d) {
    return ranks[s][d] != 0;
  }

  /** The score stage {@code s} gave document {@code d}, NaN when it did not return it. */
  public float score(int s, int d) {
    return scores[s][d];
  }

  /** The 1-based rank of document {@code d} in stage {@code s}, 0 when it did not return it. */
  public int rank(int s, int d) {
    return ranks[s][d];
  }

  /** How many documents stage {@code s} returned. */
  public int depth(int s) {
    return depths[s];
  }

  /** The ranking stage {@code s} returned, rebuilt from the table. */
  public Ranking ranking(int s) {
    String[] ids = new String[depths[s]];
    float[] ss = new float[depths[s]];
    for (int d = 0; d < docs.size(); d++) {
      int r = ranks[s][d];
      if (r != 0) {
        ids[r - 1] = docs.get(d);
        ss[r - 1] = scores[s][d];
      }
    }
    return new Ranking(ids, ss);
  }
}
