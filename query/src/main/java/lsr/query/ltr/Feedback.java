package lsr.query.ltr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import org.apache.lucene.util.VectorUtil;

/**
 * The centroid of a query's feedback documents in one stage's space, and the similarity of any
 * document to it (inner product with the mean vector: for L2-normalized dense vectors, the mean
 * cosine to the feedback documents).
 */
final class Feedback {

  private final String stage;
  private final DocumentVectors vectors;
  private final float[] dense;
  private final Map<Integer, Float> sparse;

  private Feedback(String stage, DocumentVectors vectors, float[] dense, Map<Integer, Float> sparse) {
    this.stage = stage;
    this.vectors = vectors;
    this.dense = dense;
    this.sparse = sparse;
  }

  static Feedback of(String stage, List<String> docs, DocumentVectors vectors) {
    float[] dense = null;
    Map<Integer, Float> sparse = null;
    int n = 0;
    for (String id : docs) {
      float[] d = vectors.dense(stage, id);
      if (d != null) {
        if (dense == null) {
          dense = new float[d.length];
        }
        for (int i = 0; i < d.length; i++) {
          dense[i] += d[i];
        }
        n++;
        continue;
      }
      SparseVector s = vectors.sparse(stage, id);
      if (s != null) {
        if (sparse == null) {
          sparse = new HashMap<>();
        }
        for (int i = 0; i < s.size(); i++) {
          sparse.merge(s.termId(i), s.weight(i), Float::sum);
        }
        n++;
      }
    }
    if (n > 0) {
      final int count = n;
      if (dense != null) {
        for (int i = 0; i < dense.length; i++) {
          dense[i] /= count;
        }
      }
      if (sparse != null) {
        sparse.replaceAll((t, w) -> w / count);
      }
    }
    return new Feedback(stage, vectors, dense, sparse);
  }

  /** The similarity of {@code docId} to the centroid; NaN when either has no vector. */
  float similarity(String docId) {
    if (dense != null) {
      float[] d = vectors.dense(stage, docId);
      if (d == null) {
        return Float.NaN;
      }
      return VectorUtil.dotProduct(d, dense);
    }
    if (sparse != null) {
      SparseVector s = vectors.sparse(stage, docId);
      if (s == null) {
        return Float.NaN;
      }
      float dot = 0;
      for (int i = 0; i < s.size(); i++) {
        Float c = sparse.get(s.termId(i));
        if (c != null) {
          dot += c * s.weight(i);
        }
      }
      return dot;
    }
    return Float.NaN;
  }
}
