package lsr.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams Anserini's pre-encoded learned-sparse queries: one query per line, {@code
 * qid<TAB>tok tok ...}, where each vocabulary token is repeated as many times as its integer impact
 * (SPLADE++ ED: weight × 100). The weight of a token is its count. Plain or gzip.
 *
 * <p>A line without a tab or with an empty id is an error; a token that is not in the vocabulary is
 * an error in strict mode and a counted skip of that token in lenient mode.
 */
public final class PreEncodedQueryReader extends LineRecordReader<VectorRecord> {

  private final Vocabulary vocabulary;
  private int[] ids = new int[1024];

  private PreEncodedQueryReader(Path file, Vocabulary vocabulary, ErrorPolicy policy) throws IOException {
    super(file, policy);
    this.vocabulary = vocabulary;
  }

  /** Opens {@code file} for streaming. */
  public static PreEncodedQueryReader open(Path file, Vocabulary vocabulary, ErrorPolicy policy)
      throws IOException {
    return new PreEncodedQueryReader(file, vocabulary, policy);
  }

  @Override
  protected VectorRecord parse(String line) throws BadLine {
    int tab = line.indexOf('\t');
    if (tab < 0) {
      throw new BadLine("expected 'qid<TAB>tokens', found no tab");
    }
    String id = line.substring(0, tab).strip();
    if (id.isEmpty()) {
      throw new BadLine("the query id before the tab is empty");
    }
    int size = 0;
    for (String token : line.substring(tab + 1).split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      int termId = vocabulary.id(token);
      if (termId < 0) {
        reject("token '" + token + "' is not in the vocabulary", "token");
        continue;
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = termId;
    }
    float[] ones = new float[size];
    Arrays.fill(ones, 1f);
    return new VectorRecord(id, SparseVector.fromUnsorted(Arrays.copyOf(ids, size), ones, SparseVector.Merge.SUM));
  }
}
