package lsr.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lsr.data.ScoredDoc;

/**
 * One query's ranking seen through its judgments: the relevance of the document at each rank (in
 * trec_eval's order; 0 for unjudged), the number of relevant documents, and the gains of the ideal
 * ranking. What every {@link Metric} needs, computed once per query.
 */
public final class JudgedRanking {

  private final int[] relevance;
  private final int[] relevantBefore;
  private final int[] idealGains;

  private JudgedRanking(int[] relevance, int[] idealGains) {
    this.relevance = relevance;
    this.idealGains = idealGains;
    this.relevantBefore = new int[relevance.length + 1];
    for (int i = 0; i < relevance.length; i++) {
      relevantBefore[i + 1] = relevantBefore[i] + (relevance[i] > 0 ? 1 : 0);
    }
  }

  /**
   * Judges {@code results} (in any order: they are put in trec_eval's order here) against {@code
   * judgments} (document id to relevance) of the same query.
   */
  public static JudgedRanking of(List<ScoredDoc> results, Map<String, Integer> judgments) {
    List<ScoredDoc> ranked = TrecOrder.sort(results);
    int[] relevance = new int[ranked.size()];
    for (int i = 0; i < relevance.length; i++) {
      relevance[i] = judgments.getOrDefault(ranked.get(i).docId(), 0);
    }
    int[] ideal = judgments.values().stream().filter(r -> r > 0).mapToInt(Integer::intValue).toArray();
    Arrays.sort(ideal);
    for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
      int t = ideal[i];
      ideal[i] = ideal[j];
      ideal[j] = t;
    }
    return new JudgedRanking(relevance, ideal);
  }

  /** Number of ranked documents. */
  public int size() {
    return relevance.length;
  }

  /** The judged relevance of the document at rank {@code i + 1} (0 when unjudged). */
  public int relevance(int i) {
    return relevance[i];
  }

  /** Relevant documents (relevance > 0) among the top {@code k}. */
  public int relevantInTop(int k) {
    return relevantBefore[Math.min(k, relevance.length)];
  }

  /** All relevant documents of the query, retrieved or not. */
  public int relevantCount() {
    return idealGains.length;
  }

  /** The relevance grades of all relevant documents, highest first: the ideal ranking's gains. */
  int[] idealGains() {
    return idealGains;
  }
}
