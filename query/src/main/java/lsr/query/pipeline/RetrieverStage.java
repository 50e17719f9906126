package lsr.query.pipeline;

import java.util.ArrayList;
import java.util.List;
import lsr.data.ScoredDoc;
import lsr.query.Retriever;
import lsr.query.fusion.Ranking;

/**
 * A {@link Retriever} (BM25, or any ranking by external id) as a pipeline stage. A retriever has no
 * filter of its own, so a filtered query asks it for ever deeper rankings (4 × depth, then doubling)
 * until enough allowed documents are found or it has no more to give: the filter never costs an
 * allowed document its place.
 */
public final class RetrieverStage implements RetrievalStage {

  private final Retriever retriever;

  public RetrieverStage(Retriever retriever) {
    this.retriever = retriever;
  }

  @Override
  public String name() {
    return retriever.name();
  }

  public Retriever retriever() {
    return retriever;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long start = System.nanoTime();
    List<ScoredDoc> kept;
    if (query.filter() == null) {
      kept = retriever.search(query.text(), query.depth());
    } else {
      int asked = query.depth() * 4;
      while (true) {
        List<ScoredDoc> all = retriever.search(query.text(), asked);
        kept = new ArrayList<>(query.depth());
        for (ScoredDoc d : all) {
          if (query.filter().allows(d.docId()) && kept.size() < query.depth()) {
            kept.add(d);
          }
        }
        if (kept.size() == query.depth() || all.size() < asked) {
          break;
        }
        asked = (int) Math.min(Integer.MAX_VALUE, 2L * asked);
      }
    }
    String[] ids = new String[kept.size()];
    float[] scores = new float[kept.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = kept.get(i).docId();
      scores[i] = (float) kept.get(i).score();
    }
    return new StageResult(new Ranking(ids, scores), 0, (System.nanoTime() - start) / 1000, null);
  }

  @Override
  public void close() {
    retriever.close();
  }
}
