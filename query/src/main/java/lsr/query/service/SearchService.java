package lsr.query.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import lsr.data.Document;
import lsr.data.SparseVector;
import lsr.data.Vocabulary;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.index.fields.FieldFilter;
import lsr.query.pipeline.DocFilter;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.PipelineRequest;
import lsr.query.pipeline.PipelineResult;
import lsr.query.pipeline.RequestSnapshots;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.SparseParams;

/**
 * Answers search and encode requests over a set of named pipelines: validates what a client sent,
 * runs the pipeline, adds document texts and match explanations. Knows nothing of HTTP.
 *
 * <p>At most {@code maxConcurrent} searches run at once (each holds searcher scratch space and a
 * core); further requests wait up to {@code queueTimeoutMillis} for a free slot, then fail as
 * {@link ServiceException.Kind#OVERLOADED} rather than pile up.
 */
public final class SearchService implements AutoCloseable {

  public static final int DEFAULT_K = 10;
  public static final int MAX_K = 1000;
  public static final int MAX_QUERY_CHARS = 4096;
  public static final int MAX_FILTER_IDS = 100_000;

  private final Map<String, Pipeline> pipelines;
  private final String defaultPipeline;
  private final DocumentStore documents;
  private final Vocabulary vocabulary;
  private final Map<String, SparseTextEncoder> encoders;
  private final List<IndexInfo> indexes;
  private final Semaphore slots;
  private final int maxConcurrent;
  private final long queueTimeoutMillis;
  private final List<AutoCloseable> resources;

  private SearchService(Builder b) {
    if (b.pipelines.isEmpty()) {
      throw new IllegalArgumentException("a search service needs at least one pipeline");
    }
    this.pipelines = Map.copyOf(b.pipelines);
    this.defaultPipeline = b.defaultPipeline != null ? b.defaultPipeline : b.pipelines.keySet().iterator().next();
    if (!pipelines.containsKey(defaultPipeline)) {
      throw new IllegalArgumentException("default pipeline " + defaultPipeline + " is not among " + pipelines.keySet());
    }
    this.documents = b.documents;
    this.vocabulary = b.vocabulary;
    this.encoders = Map.copyOf(b.encoders);
    this.indexes = List.copyOf(b.indexes);
    this.maxConcurrent = b.maxConcurrent;
    this.slots = new Semaphore(b.maxConcurrent, true);
    this.queueTimeoutMillis = b.queueTimeoutMillis;
    this.resources = List.copyOf(b.resources);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects what a service serves. */
  public static final class Builder {
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private String defaultPipeline;
    private DocumentStore documents;
    private Vocabulary vocabulary = Vocabulary.bertBaseUncased();
    private final Map<String, SparseTextEncoder> encoders = new LinkedHashMap<>();
    private final List<IndexInfo> indexes = new ArrayList<>();
    private int maxConcurrent = Math.max(1, Runtime.getRuntime().availableProcessors());
    private long queueTimeoutMillis = 5_000;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Adds a pipeline under its name; the first added is the default unless one is named. */
    public Builder pipeline(Pipeline p) {
      if (pipelines.putIfAbsent(p.name(), p) != null) {
        throw new IllegalArgumentException("two pipelines are called " + p.name());
      }
      return this;
    }

    public Builder defaultPipeline(String name) {
      this.defaultPipeline = name;
      return this;
    }

    /** The texts to show with hits; without one, hits carry ids and scores only. */
    public Builder documents(DocumentStore store) {
      this.documents = store;
      return this;
    }

    /** The vocabulary of the sparse models' term ids (bert-base-uncased by default). */
    public Builder vocabulary(Vocabulary v) {
      this.vocabulary = v;
      return this;
    }

    public Builder encoder(String name, SparseTextEncoder encoder) {
      encoders.put(name, encoder);
      return this;
    }

    public Builder index(IndexInfo info) {
      indexes.add(info);
      return this;
    }

    /** Searches that may run at once (the size of the searcher pool). */
    public Builder maxConcurrent(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + n);
      }
      this.maxConcurrent = n;
      return this;
    }

    /** How long a search waits for a free searcher before it is refused as overloaded. */
    public Builder queueTimeoutMillis(long millis) {
      this.queueTimeoutMillis = millis;
      return this;
    }

    /** Something the service closes after its stages (the encoders the stages share). */
    public Builder closing(AutoCloseable resource) {
      resources.add(resource);
      return this;
    }

    public SearchService build() {
      return new SearchService(this);
    }
  }

  /** A pipeline as clients see it. */
  public record PipelineInfo(String name, List<String> stages, String fusion, boolean reranks, boolean isDefault) {}

  public List<PipelineInfo> pipelines() {
    return pipelines.values().stream()
        .sorted(Comparator.comparing(Pipeline::name))
        .map(p -> new PipelineInfo(p.name(), p.stageNames(), p.fusion().label(), p.reranks(),
            p.name().equals(defaultPipeline)))
        .toList();
  }

  public String defaultPipeline() {
    return defaultPipeline;
  }

  public List<IndexInfo> indexes() {
    return indexes;
  }

  public Set<String> encoderNames() {
    return encoders.keySet();
  }

  /** Searches that may run at once. */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /** Searches running now. */
  public int running() {
    return maxConcurrent - slots.availablePermits();
  }

  /**
   * Answers one search.
   *
   * @throws ServiceException for a request that is wrong (naming the field) or when overloaded
   */
  public SearchResponse search(SearchRequest request) {
    String query = request.query();
    if (query == null || query.isBlank()) {
      throw ServiceException.invalid("missing_query", "field 'query' is required and must not be blank");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw ServiceException.invalid("query_too_long",
          "field 'query' has " + query.length() + " characters; at most " + MAX_QUERY_CHARS + " are accepted");
    }
    int k = request.k() != null ? request.k() : DEFAULT_K;
    if (k < 1 || k > MAX_K) {
      throw ServiceException.invalid("k_out_of_range", "field 'k' must be between 1 and " + MAX_K + ", got " + k);
    }
    String name = request.pipeline() != null ? request.pipeline() : defaultPipeline;
    Pipeline pipeline = pipelines.get(name);
    if (pipeline == null) {
      throw ServiceException.invalid("unknown_pipeline", "field 'pipeline': no pipeline called '" + name
          + "'; available: " + String.join(", ", pipelines.keySet().stream().sorted().toList()));
    }
    boolean explain = Boolean.TRUE.equals(request.explain());

    acquire();
    try (RequestSnapshots snapshots = new RequestSnapshots()) {
      PipelineResult result;
      try {
        result = pipeline.search(pipelineRequest(request, query, k, snapshots));
      } catch (IllegalArgumentException e) {
        // The pipeline rejects what only it can check (weights naming a stage it lacks, a range on
        // a string field).
        throw ServiceException.invalid("invalid_request", e.getMessage());
      }
      return response(query, pipeline, k, result, explain, snapshots);
    } finally {
      slots.release();
    }
  }

  private static PipelineRequest pipelineRequest(SearchRequest r, String query, int k, RequestSnapshots snapshots) {
    FusionMethod fusion;
    FusionWeights weights;
    SparseParams sparse;
    try {
      fusion = r.fusion() != null ? FusionMethod.parse(r.fusion()) : null;
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("unknown_fusion", "field 'fusion': " + e.getMessage());
    }
    try {
      weights = r.weights() != null ? new FusionWeights(r.weights()) : null;
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("invalid_weights", "field 'weights': " + e.getMessage());
    }
    try {
      sparse = new SparseParams(r.queryCut(), r.heapFactor());
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("invalid_sparse_params", e.getMessage());
    }
    Set<String> ids = null;
    if (r.filter() != null) {
      if (r.filter().size() > MAX_FILTER_IDS) {
        throw ServiceException.invalid("filter_too_large",
            "field 'filter' lists " + r.filter().size() + " ids; at most " + MAX_FILTER_IDS + " are accepted");
      }
      if (r.filter().stream().anyMatch(id -> id == null)) {
        throw ServiceException.invalid("invalid_filter", "field 'filter' must list document ids (strings), found null");
      }
      ids = Set.copyOf(r.filter());
    }
    FieldFilter where = null;
    if (r.where() != null) {
      try {
        where = FieldFilter.parse(r.where());
      } catch (IllegalArgumentException e) {
        throw ServiceException.invalid("invalid_where", "field 'where': " + e.getMessage());
      }
    }
    DocFilter filter = ids == null && where == null ? null : new DocFilter(ids, where);
    return new PipelineRequest(query, k, fusion, weights, sparse, filter, snapshots);
  }

  private void acquire() {
    try {
      if (!slots.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new ServiceException(ServiceException.Kind.OVERLOADED, "overloaded",
            "all " + maxConcurrent + " searchers stayed busy for " + queueTimeoutMillis + " ms; retry later");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException(ServiceException.Kind.OVERLOADED, "interrupted", "the server is shutting down");
    }
  }

  private SearchResponse response(String query, Pipeline pipeline, int k, PipelineResult result, boolean explain,
      RequestSnapshots snapshots) {
    List<SearchResponse.Hit> hits = new ArrayList<>(result.hits().size());
    int rank = 1;
    for (PipelineResult.Hit h : result.hits()) {
      Document doc = documents != null ? documents.get(h.id(), snapshots) : null;
      List<SearchResponse.MatchedTerm> terms = explain ? explain(pipeline, result, h.id()) : null;
      hits.add(new SearchResponse.Hit(rank++, h.id(), h.score(), h.stages(), h.fused(), h.reranked(),
          doc != null ? doc.title() : null, doc != null ? doc.text() : null, terms));
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    result.timings().forEach((step, micros) -> timings.put(step, micros / 1000.0));
    return new SearchResponse(query, pipeline.name(), k, hits, timings);
  }

  /** The terms each sparse stage's query vector shares with its stored vector of the document. */
  private List<SearchResponse.MatchedTerm> explain(Pipeline pipeline, PipelineResult result, String id) {
    List<SearchResponse.MatchedTerm> terms = new ArrayList<>();
    for (RetrievalStage stage : pipeline.stages()) {
      SparseVector q = result.queryVectors().get(stage.name());
      if (q == null) {
        continue;
      }
      SparseVector d = stage.documentVector(id);
      if (d == null) {
        continue;
      }
      for (int i = 0; i < q.size(); i++) {
        float dw = d.get(q.termId(i));
        if (dw > 0) {
          terms.add(SearchResponse.MatchedTerm.of(stage.name(), token(q.termId(i)), q.weight(i), dw));
        }
      }
    }
    terms.sort(Comparator.comparingDouble(SearchResponse.MatchedTerm::contribution).reversed());
    return terms;
  }

  private String token(int termId) {
    return termId < vocabulary.size() ? vocabulary.token(termId) : "#" + termId;
  }

  /** A term and its weight in an encoded text. */
  public record WeightedTerm(String term, float weight) {}

  /** The term weights of a text under a sparse model, largest first. */
  public record EncodeResponse(String encoder, String kind, List<WeightedTerm> terms) {}

  /**
   * Encodes {@code text} with the sparse model called {@code encoder} (the only one when null).
   *
   * @param kind {@code query} or {@code passage}; null means query
   * @throws ServiceException for a missing text, an unknown encoder or kind
   */
  public EncodeResponse encode(String text, String encoder, String kind) {
    if (text == null || text.isBlank()) {
      throw ServiceException.invalid("missing_text", "field 'text' is required and must not be blank");
    }
    if (text.length() > MAX_QUERY_CHARS * 4) {
      throw ServiceException.invalid("text_too_long",
          "field 'text' has " + text.length() + " characters; at most " + MAX_QUERY_CHARS * 4 + " are accepted");
    }
    if (encoders.isEmpty()) {
      throw ServiceException.invalid("no_encoder", "this server has no sparse encoder to explain texts with");
    }
    String name = encoder != null ? encoder : encoders.keySet().iterator().next();
    SparseTextEncoder e = encoders.get(name);
    if (e == null) {
      throw ServiceException.invalid("unknown_encoder", "field 'encoder': no encoder called '" + name
          + "'; available: " + String.join(", ", encoders.keySet()));
    }
    String k = kind == null ? "query" : kind;
    if (!k.equals("query") && !k.equals("passage")) {
      throw ServiceException.invalid("unknown_kind", "field 'kind' must be 'query' or 'passage', got '" + kind + "'");
    }
    SparseVector v = e.encode(text, k.equals("query"));
    List<WeightedTerm> terms = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      terms.add(new WeightedTerm(token(v.termId(i)), v.weight(i)));
    }
    terms.sort(Comparator.comparingDouble(WeightedTerm::weight).reversed());
    return new EncodeResponse(name, k, terms);
  }

  /**
   * Runs one query through every pipeline, so that models, lazily built lookups and the JIT are warm
   * before the first user query.
   */
  public void warmUp() {
    for (Pipeline p : pipelines.values()) {
      p.search(PipelineRequest.of("how to search an index", 10));
    }
  }

  /** Closes every stage of every pipeline once, then the resources given to {@link Builder#closing}. */
  @Override
  public void close() {
    Set<RetrievalStage> closed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Pipeline p : pipelines.values()) {
      for (RetrievalStage s : p.stages()) {
        if (closed.add(s)) {
          s.close();
        }
      }
    }
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the search service failed", e);
      }
    }
  }
}
