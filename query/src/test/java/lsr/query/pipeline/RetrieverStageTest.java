package lsr.query.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lsr.data.ScoredDoc;
import lsr.query.Retriever;
import org.junit.jupiter.api.Test;

class RetrieverStageTest {

  /** Ranks documents d0, d1, ..., d999 with decreasing scores, and counts how deep it was asked. */
  private static final class Counting implements Retriever {
    final List<Integer> asked = new ArrayList<>();

    @Override
    public String name() {
      return "bm25";
    }

    @Override
    public List<ScoredDoc> search(String query, int k) {
      asked.add(k);
      List<ScoredDoc> out = new ArrayList<>();
      for (int i = 0; i < Math.min(k, 1000); i++) {
        out.add(new ScoredDoc("d" + i, 1000 - i));
      }
      return out;
    }

    @Override
    public void close() {}
  }

  @Test
  void unfilteredQueryAsksForTheDepth() {
    Counting r = new Counting();
    assertEquals(5, new RetrieverStage(r).retrieve(StageQuery.of("q", 5)).ranking().size());
    assertEquals(List.of(5), r.asked);
  }

  @Test
  void filterDigsDeeperUntilEnoughAllowedDocumentsOrNoMore() {
    Counting r = new Counting();
    DocFilter deep = new DocFilter(Set.of("d3", "d150", "d700", "d999"));
    StageResult result = new RetrieverStage(r).retrieve(new StageQuery("q", 3, deep, SparseParams.DEFAULTS));
    assertEquals(List.of("d3", "d150", "d700"), List.of(result.ranking().ids()));
    assertEquals(List.of(12, 24, 48, 96, 192, 384, 768), r.asked);

    Counting exhausted = new Counting();
    DocFilter beyond = new DocFilter(Set.of("d5", "nowhere"));
    StageResult few = new RetrieverStage(exhausted).retrieve(new StageQuery("q", 3, beyond, SparseParams.DEFAULTS));
    assertEquals(List.of("d5"), List.of(few.ranking().ids()));
    assertEquals(1536, exhausted.asked.getLast(), "stops once the retriever returns fewer than asked");
  }
}
