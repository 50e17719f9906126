package lsr.query.ltr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lsr.query.fusion.Candidates;

/**
 * Features of the text of a (query, document) pair that no retrieval score states directly: how
 * long each is and how much of the query the document covers, plain and weighted by IDF.
 */
public final class TextFeatures {

  /** The feature names, in the order {@link #fill} writes them. */
  public static final List<String> NAMES =
      List.of("query_length", "doc_length", "coverage", "idf_coverage", "tf_idf");

  /** A query's distinct analyzed terms and their IDF. */
  public record AnalyzedQuery(List<String> terms, double[] idf, double idfSum) {}

  private final TextAnalysis analysis;
  private final TermStatistics statistics;
  private final Function<String, TermBag> documents;

  /**
   * @param documents the analyzed terms of a document by id, null when unknown (its text features
   *     are then missing)
   */
  public TextFeatures(TextAnalysis analysis, TermStatistics statistics, Function<String, TermBag> documents) {
    this.analysis = analysis;
    this.statistics = statistics;
    this.documents = documents;
  }

  public AnalyzedQuery analyze(String query) {
    List<String> terms = new ArrayList<>(new LinkedHashSet<>(analysis.terms(query)));
    double[] idf = new double[terms.size()];
    double sum = 0;
    for (int i = 0; i < idf.length; i++) {
      idf[i] = statistics.idf(terms.get(i));
      sum += idf[i];
    }
    return new AnalyzedQuery(List.copyOf(terms), idf, sum);
  }

  /**
   * The cosine of each of {@code docs}' TF-IDF vector (log-scaled counts times IDF) with the centroid
   * of {@code feedback}'s; NaN for a document whose terms are unknown.
   */
  float[] feedback(List<String> feedback, int[] docs, Candidates candidates) {
    Map<String, Double> centroid = new HashMap<>();
    for (String id : feedback) {
      TermBag bag = documents.apply(id);
      if (bag != null) {
        tfIdf(bag).forEach((t, w) -> centroid.merge(t, w, Double::sum));
      }
    }
    double centroidNorm = Math.sqrt(centroid.values().stream().mapToDouble(w -> w * w).sum());
    float[] out = new float[docs.length];
    for (int r = 0; r < docs.length; r++) {
      TermBag bag = documents.apply(candidates.doc(docs[r]));
      if (bag == null) {
        out[r] = Float.NaN;
        continue;
      }
      Map<String, Double> v = tfIdf(bag);
      double dot = 0;
      double norm = 0;
      for (Map.Entry<String, Double> e : v.entrySet()) {
        norm += e.getValue() * e.getValue();
        Double c = centroid.get(e.getKey());
        if (c != null) {
          dot += c * e.getValue();
        }
      }
      out[r] = norm == 0 || centroidNorm == 0 ? 0f : (float) (dot / Math.sqrt(norm) / centroidNorm);
    }
    return out;
  }

  private Map<String, Double> tfIdf(TermBag bag) {
    Map<String, Double> v = new HashMap<>();
    for (String t : bag.terms()) {
      v.put(t, Math.log1p(bag.count(t)) * statistics.idf(t));
    }
    return v;
  }

  /** Writes the features of {@code docId} into {@code row} from {@code offset} on. */
  void fill(AnalyzedQuery query, String docId, float[] row, int offset) {
    row[offset] = query.terms().size();
    TermBag bag = documents.apply(docId);
    if (bag == null) {
      for (int i = 1; i < NAMES.size(); i++) {
        row[offset + i] = Float.NaN;
      }
      return;
    }
    int matched = 0;
    double matchedIdf = 0;
    double tfIdf = 0;
    for (int i = 0; i < query.terms().size(); i++) {
      int tf = bag.count(query.terms().get(i));
      if (tf > 0) {
        matched++;
        matchedIdf += query.idf()[i];
        tfIdf += query.idf()[i] * Math.log1p(tf);
      }
    }
    int n = query.terms().size();
    row[offset + 1] = bag.length();
    row[offset + 2] = n == 0 ? 0f : (float) matched / n;
    row[offset + 3] = query.idfSum() == 0 ? 0f : (float) (matchedIdf / query.idfSum());
    row[offset + 4] = (float) tfIdf;
  }
}
