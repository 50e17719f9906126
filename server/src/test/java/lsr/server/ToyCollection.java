package lsr.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import lsr.query.service.DocumentStore;

/**
 * A six-document collection and two simple but real stages over it: "lexical" counts shared words,
 * "sparse" is an exact inner product of word-count vectors over the bert-base-uncased vocabulary, with
 * document vectors kept so matches can be explained.
 */
final class ToyCollection {

  static final List<Document> DOCS = List.of(
      new Document("d1", "Sparse retrieval", "Learned sparse retrieval expands documents with related terms."),
      new Document("d2", "Dense retrieval", "Dense retrieval embeds queries and documents as vectors."),
      new Document("d3", "Inverted indexes", "An inverted index maps each term to the documents that contain it."),
      new Document("d4", "Cooking", "Boil the pasta in salted water."),
      new Document("d5", "Fusion", "Reciprocal rank fusion combines sparse and dense retrieval rankings."),
      new Document("d6", "Seismic", "Seismic blocks posting lists and summarizes each block for sparse retrieval."));

  static final Vocabulary VOCAB = Vocabulary.bertBaseUncased();

  static DocumentStore store() {
    return DocumentStore.of(DOCS);
  }

  /** Word counts over the vocabulary; words it lacks are dropped. */
  static SparseVector encode(String text) {
    List<Integer> ids = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      int id = w.isEmpty() ? -1 : VOCAB.id(w);
      if (id >= 0) {
        ids.add(id);
      }
    }
    int[] t = ids.stream().mapToInt(Integer::intValue).toArray();
    float[] w = new float[t.length];
    java.util.Arrays.fill(w, 1f);
    return SparseVector.fromUnsorted(t, w, SparseVector.Merge.SUM);
  }

  /** A stage that scores every document by inner product with {@code encode(query)}. */
  static final class SparseStage implements RetrievalStage {
    private final String name;
    private final Map<String, SparseVector> vectors = new LinkedHashMap<>();

    SparseStage(String name) {
      this.name = name;
      for (Document d : DOCS) {
        vectors.put(d.id(), encode(d.title() + " " + d.text()));
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public StageResult retrieve(StageQuery query) {
      SparseVector q = encode(query.text());
      List<Map.Entry<String, Float>> scored = new ArrayList<>();
      vectors.forEach((id, v) -> {
        float s = q.dot(v);
        if (s > 0 && (query.filter() == null || query.filter().ids().contains(id))) {
          scored.add(Map.entry(id, s));
        }
      });
      scored.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder()));
      int n = Math.min(query.depth(), scored.size());
      String[] ids = new String[n];
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        ids[i] = scored.get(i).getKey();
        scores[i] = scored.get(i).getValue();
      }
      return new StageResult(new Ranking(ids, scores), 1, 2, q);
    }

    @Override
    public SparseVector documentVector(String id) {
      return vectors.get(id);
    }
  }

  /** Like {@link SparseStage} but without query vectors: a lexical stage that cannot explain. */
  static final class LexicalStage implements RetrievalStage {
    private final SparseStage inner = new SparseStage("lexical");

    @Override
    public String name() {
      return "lexical";
    }

    @Override
    public StageResult retrieve(StageQuery query) {
      StageResult r = inner.retrieve(query);
      return new StageResult(r.ranking(), 0, r.searchMicros(), null);
    }
  }

  private ToyCollection() {}
}
