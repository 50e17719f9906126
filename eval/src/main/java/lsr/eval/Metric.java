package lsr.eval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An effectiveness measure with trec_eval's name and semantics (trec_eval 9.0.8). Every measure
 * reads a query's ranking in trec_eval's order ({@link TrecOrder}); a document is relevant when its
 * judged relevance is 1 or more (0, negative and unjudged are non-relevant).
 *
 * <ul>
 *   <li>{@code ndcg_cut_k}: DCG of the top k, the gain of a document at rank r (from 1) being its
 *       relevance grade divided by log2(r + 1), normalized by the DCG of the ideal ranking of all
 *       judged relevant documents cut at k; 0 when the query has no relevant document.
 *   <li>{@code P_k}: relevant documents in the top k, divided by k (missing ranks count as
 *       non-relevant).
 *   <li>{@code recall_k}: relevant documents in the top k, divided by all relevant documents; 0 when
 *       there are none.
 *   <li>{@code map}: average precision, the sum of precision at each relevant document retrieved,
 *       divided by all relevant documents.
 *   <li>{@code recip_rank}: 1 / the rank of the first relevant document within the top {@code
 *       depth} (the whole ranking when unbounded); 0 when none. With depth 10 it is MRR@10, as
 *       {@code trec_eval -M 10 -m recip_rank} computes it.
 * </ul>
 *
 * @param kind which measure
 * @param cutoff the k of {@code ndcg_cut_k}, {@code P_k}, {@code recall_k}; the depth of {@code
 *     recip_rank} ({@link #UNBOUNDED} for the whole ranking); unused by {@code map}
 */
public record Metric(Kind kind, int cutoff) {

  /** A cutoff that is never reached. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  /** The measures of a standard report: those of {@code lsr eval}'s table and JSON. */
  public static final List<Metric> STANDARD = List.of(
      ndcgCut(10), recall(100), recall(1000), map(), recipRank(10), precision(10));

  private static final Pattern NAME = Pattern.compile("(ndcg_cut|recall|P)_([1-9][0-9]*)|map|recip_rank");

  /** The measures lsr computes. */
  public enum Kind {
    NDCG_CUT, PRECISION, RECALL, MAP, RECIP_RANK
  }

  public Metric {
    if (cutoff < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1, got " + cutoff);
    }
  }

  public static Metric ndcgCut(int k) {
    return new Metric(Kind.NDCG_CUT, k);
  }

  public static Metric precision(int k) {
    return new Metric(Kind.PRECISION, k);
  }

  public static Metric recall(int k) {
    return new Metric(Kind.RECALL, k);
  }

  public static Metric map() {
    return new Metric(Kind.MAP, UNBOUNDED);
  }

  /** Reciprocal rank of the first relevant document within the top {@code depth}. */
  public static Metric recipRank(int depth) {
    return new Metric(Kind.RECIP_RANK, depth);
  }

  /**
   * The measure named as trec_eval names it: {@code ndcg_cut_10}, {@code P_10}, {@code recall_100},
   * {@code map}, {@code recip_rank} (over the whole ranking).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Metric parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("unknown measure '" + name
          + "'; known: ndcg_cut_<k>, P_<k>, recall_<k>, map, recip_rank");
    }
    if (name.equals("map")) {
      return map();
    }
    if (name.equals("recip_rank")) {
      return recipRank(UNBOUNDED);
    }
    int k = Integer.parseInt(m.group(2));
    return switch (m.group(1)) {
      case "ndcg_cut" -> ndcgCut(k);
      case "recall" -> recall(k);
      default -> precision(k);
    };
  }

  /** trec_eval's name, used as the key in reports: {@code ndcg_cut_10}, {@code recip_rank}, ... */
  public String name() {
    return switch (kind) {
      case NDCG_CUT -> "ndcg_cut_" + cutoff;
      case PRECISION -> "P_" + cutoff;
      case RECALL -> "recall_" + cutoff;
      case MAP -> "map";
      case RECIP_RANK -> "recip_rank";
    };
  }

  /** A short label for tables, with the depth of {@code recip_rank} when it is bounded. */
  public String label() {
    return kind == Kind.RECIP_RANK && cutoff != UNBOUNDED ? "recip_rank@" + cutoff : name();
  }

  /** The value of this measure for one query. */
  public double score(JudgedRanking r) {
    return switch (kind) {
      case NDCG_CUT -> ndcg(r);
      case PRECISION -> (double) r.relevantInTop(cutoff) / cutoff;
      case RECALL -> r.relevantCount() == 0 ? 0 : (double) r.relevantInTop(cutoff) / r.relevantCount();
      case MAP -> averagePrecision(r);
      case RECIP_RANK -> reciprocalRank(r);
    };
  }

  private double ndcg(JudgedRanking r) {
    double ideal = 0;
    int[] idealGains = r.idealGains();
    for (int i = 0; i < Math.min(cutoff, idealGains.length); i++) {
      ideal += idealGains[i] / log2(i + 2);
    }
    if (ideal == 0) {
      return 0;
    }
    double dcg = 0;
    for (int i = 0; i < Math.min(cutoff, r.size()); i++) {
      int gain = r.relevance(i);
      if (gain > 0) {
        dcg += gain / log2(i + 2);
      }
    }
    return dcg / ideal;
  }

  private static double averagePrecision(JudgedRanking r) {
    if (r.relevantCount() == 0) {
      return 0;
    }
    double sum = 0;
    int found = 0;
    for (int i = 0; i < r.size(); i++) {
      if (r.relevance(i) > 0) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / r.relevantCount();
  }

  private double reciprocalRank(JudgedRanking r) {
    for (int i = 0; i < Math.min(cutoff, r.size()); i++) {
      if (r.relevance(i) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
