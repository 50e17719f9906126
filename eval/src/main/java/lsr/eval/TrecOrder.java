package lsr.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lsr.data.ScoredDoc;

/**
 * The order in which trec_eval reads a ranking: by score, highest first, and among equal scores by
 * document id in <em>descending</em> byte order (trec_eval sorts ties with {@code strcmp(b, a)}). The
 * ranks a run file states are ignored. Byte order of UTF-8 equals code point order, which is what
 * this compares.
 */
public final class TrecOrder {

  /** Orders scored documents as trec_eval ranks them. */
  public static final Comparator<ScoredDoc> COMPARATOR = (a, b) -> {
    int byScore = Double.compare(b.score(), a.score());
    return byScore != 0 ? byScore : compareCodePoints(b.docId(), a.docId());
  };

  private TrecOrder() {}

  /** A new list with {@code docs} in trec_eval's order. */
  public static List<ScoredDoc> sort(List<ScoredDoc> docs) {
    List<ScoredDoc> sorted = new ArrayList<>(docs);
    sorted.sort(COMPARATOR);
    return sorted;
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
