package lsr.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams judgments from a qrels file in TREC format ({@code qid iter docid rel}, whitespace
 * separated, the iteration column ignored as trec_eval ignores it) or in BEIR format (tab-separated
 * {@code query-id corpus-id score} after a header line). Relevance must be an integer.
 */
public final class QrelsReader extends LineRecordReader<Judgment> {

  private final boolean beir;

  private QrelsReader(Path file, ErrorPolicy policy, boolean beir) throws IOException {
    super(file, policy);
    this.beir = beir;
  }

  /** A TREC qrels file: {@code qid 0 docid rel}. */
  public static QrelsReader trec(Path file, ErrorPolicy policy) throws IOException {
    return new QrelsReader(file, policy, false);
  }

  /** A BEIR {@code qrels/<split>.tsv}: header {@code query-id corpus-id score}, then tab-separated rows. */
  public static QrelsReader beir(Path file, ErrorPolicy policy) throws IOException {
    return new QrelsReader(file, policy, true);
  }

  @Override
  protected Judgment parse(String line) throws BadLine {
    if (beir) {
      String[] f = line.split("\t", -1);
      if (lineNumber() == 1 && f.length == 3 && f[0].strip().equals("query-id")) {
        return null;
      }
      if (f.length != 3) {
        throw new BadLine("expected 3 tab-separated fields 'query-id corpus-id score', found " + f.length);
      }
      return judgment(f[0].strip(), f[1].strip(), f[2].strip());
    }
    String[] f = line.strip().split("\\s+");
    if (f.length != 4) {
      throw new BadLine("expected 4 fields 'qid iter docid rel', found " + f.length);
    }
    return judgment(f[0], f[2], f[3]);
  }

  private static Judgment judgment(String queryId, String docId, String relevance) throws BadLine {
    if (queryId.isEmpty() || docId.isEmpty()) {
      throw new BadLine("empty query id or document id");
    }
    try {
      return new Judgment(queryId, docId, Integer.parseInt(relevance));
    } catch (NumberFormatException e) {
      throw new BadLine("relevance '" + relevance + "' is not an integer");
    }
  }
}
