package lsr.query.sparse;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SparseIndex;
import lsr.index.SparseSearcher;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicSearcher;
import lsr.query.fusion.Ranking;
import lsr.query.pipeline.DocFilter;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.SearcherPool;
import lsr.query.pipeline.SparseParams;
import lsr.query.pipeline.StageQuery;
import lsr.query.pipeline.StageResult;
import org.roaringbitmap.RoaringBitmap;

/**
 * Learned sparse retrieval: a sparse encoder (SPLADE, uniCOIL) turns the query into term weights and
 * a {@link SparseIndex} (Seismic, or exact search) finds the documents with the largest inner
 * product. A request's {@code queryCut} and {@code heapFactor} override the stage's Seismic
 * parameters; a filter becomes a bitmap of the index's own document ids.
 */
public final class SparseStage implements RetrievalStage {

  private final String name;
  private final Function<String, SparseVector> encoder;
  private final SparseIndex index;
  private final SearchParams params;
  private final AutoCloseable resources;
  private final SearcherPool<SparseSearcher> searchers;
  private volatile Map<String, Integer> docIds;

  /**
   * @param encoder turns a query into its sparse vector (thread-safe)
   * @param params Seismic's query-time parameters (ignored by other indexes)
   * @param resources closed with the stage (the encoder's session), or null
   */
  public SparseStage(String name, Function<String, SparseVector> encoder, SparseIndex index, SearchParams params,
      AutoCloseable resources) {
    this.name = name;
    this.encoder = encoder;
    this.index = index;
    this.params = params;
    this.resources = resources;
    this.searchers = new SearcherPool<>(index::newSearcher);
  }

  @Override
  public String name() {
    return name;
  }

  public SparseIndex index() {
    return index;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    long t0 = System.nanoTime();
    SparseVector q = encoder.apply(query.text());
    long t1 = System.nanoTime();
    DocMask mask = query.filter() == null ? DocMask.ALL : DocMask.allowing(bitmap(query.filter()));
    SparseSearcher searcher = searchers.borrow();
    Hits hits;
    try {
      hits = searcher instanceof SeismicSearcher seismic
          ? seismic.search(q, query.depth(), with(params, query.sparse()), mask)
          : searcher.search(q, query.depth(), mask);
    } finally {
      searchers.release(searcher);
    }
    String[] ids = new String[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = index.externalId(hits.doc(i));
    }
    long t2 = System.nanoTime();
    return new StageResult(new Ranking(ids, hits.scores()), (t1 - t0) / 1000, (t2 - t1) / 1000, q);
  }

  static SearchParams with(SearchParams base, SparseParams overrides) {
    SearchParams p = base;
    if (overrides.queryCut() != null) {
      p = p.withQueryCut(overrides.queryCut());
    }
    if (overrides.heapFactor() != null) {
      p = p.withHeapFactor(overrides.heapFactor());
    }
    return p;
  }

  private RoaringBitmap bitmap(DocFilter filter) {
    Map<String, Integer> ids = idMap();
    RoaringBitmap allowed = new RoaringBitmap();
    for (String id : filter.allowedIds()) {
      Integer doc = ids.get(id);
      if (doc != null) {
        allowed.add(doc);
      }
    }
    return allowed;
  }

  /** External id to index id, built on the first filter or explanation (most searches need neither). */
  private Map<String, Integer> idMap() {
    Map<String, Integer> m = docIds;
    if (m == null) {
      synchronized (this) {
        if (docIds == null) {
          Map<String, Integer> built = new HashMap<>(index.size() * 2);
          for (int d = 0; d < index.size(); d++) {
            built.put(index.externalId(d), d);
          }
          docIds = built;
        }
        m = docIds;
      }
    }
    return m;
  }

  @Override
  public SparseVector documentVector(String id) {
    if (!(index instanceof SeismicIndex seismic)) {
      return null;
    }
    Integer doc = idMap().get(id);
    return doc == null ? null : seismic.document(doc);
  }

  @Override
  public void close() {
    index.close();
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the encoder of stage " + name + " failed", e);
      }
    }
  }
}
