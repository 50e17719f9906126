package lsr.query.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.Document;
import lsr.encoder.DenseEncoder;
import lsr.encoder.EncoderOptions;
import lsr.encoder.Encoders;
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.bm25.Bm25Params;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.CommitPoint;
import lsr.index.collection.Snapshot;
import lsr.index.seismic.SearchParams;
import lsr.query.Bm25Stage;
import lsr.query.dense.DenseStage;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.CorpusStatistics;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.TextAnalysis;
import lsr.query.ltr.TextFeatures;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.Pipelines;
import lsr.query.pipeline.RequestSnapshots;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.sparse.SparseStage;

/**
 * A collection opened for search: a stage per index its settings name (BM25, each sparse and
 * dense index, with the query encoder recorded for it), the pipelines over them, and its stored
 * documents shown with hits, as a {@link SearchService}. Also holds the encoders that turn new
 * documents into the collection's vectors ({@link #encoders()}).
 *
 * <p>Pipelines served: each stage alone (by its name), {@code hybrid} (their fusion) when there are
 * several, and {@code hybrid-ltr} when the collection's reranker ({@link CollectionFormat#ltrModel})
 * has the hybrid's features; the richest is the default. Stages are ordered bm25, sparse, dense, as
 * {@code lsr train-ltr} orders them.
 */
public final class CollectionService implements AutoCloseable {

  /**
   * How to serve a collection.
   *
   * @param seismic Seismic's query-time parameters
   * @param bm25 BM25's parameters
   * @param depth candidates per stage
   * @param rerankDepth candidates the reranker reorders
   * @param fusion the hybrid's fusion method
   * @param weights the hybrid's stage weights
   * @param maxConcurrent searches that may run at once
   */
  public record Options(SearchParams seismic, Bm25Params bm25, int depth, int rerankDepth, FusionMethod fusion,
      FusionWeights weights, int maxConcurrent) {}

  private final Collection collection;
  private final SearchService search;
  private final DocumentEncoders encoders;
  private volatile CollectionWriter writer;

  private CollectionService(Collection collection, SearchService search, DocumentEncoders encoders) {
    this.collection = collection;
    this.search = search;
    this.encoders = encoders;
  }

  /**
   * Opens the collection in {@code folder} and the encoders its queries need.
   *
   * @param log where what was found goes
   * @throws IOException when the folder holds no collection or a file is unreadable (named)
   */
  public static CollectionService open(Path folder, Options options, PrintWriter log) throws IOException {
    Collection collection = Collection.open(folder);
    try {
      return of(collection, options, log);
    } catch (IOException | RuntimeException e) {
      collection.close();
      throw e;
    }
  }

  /** Serves {@code collection}, which the service then owns (closes). */
  public static CollectionService of(Collection collection, Options options, PrintWriter log) throws IOException {
    CollectionSettings settings = collection.commit().settings();
    String where = collection.folder().toString();
    List<RetrievalStage> stages = new ArrayList<>();
    SearchService.Builder service = SearchService.builder().maxConcurrent(options.maxConcurrent());
    EncoderOptions encoderOptions = EncoderOptions.defaults();
    Map<String, SparseEncoder> sparseEncoders = new LinkedHashMap<>();
    Map<String, DenseEncoder> denseEncoders = new LinkedHashMap<>();
    try {
      long documents = collection.commit().documents();
      if (settings.bm25() != null) {
        stages.add(new Bm25Stage(collection, options.bm25()));
        service.index(new IndexInfo(Bm25Stage.NAME, "lucene-bm25", documents, Map.of("analyzer", settings.bm25().id())));
      }
      for (CollectionSettings.SparseSpec spec : settings.sparse()) {
        ModelSource model = ModelReference.resolve(spec.encoder(), where + " sparse index " + spec.name());
        SparseEncoder encoder = Encoders.sparse(model, encoderOptions);
        sparseEncoders.put(spec.name(), encoder);
        stages.add(new SparseStage(spec.name(), encoder::encodeQuery, collection, options.seismic(), null));
        service.encoder(spec.name(), (text, asQuery) -> encoder.encode(List.of(text),
            asQuery ? TextKind.QUERY : TextKind.PASSAGE).get(0));
        service.vocabulary(model.vocabulary());
        Map<String, Object> details = new LinkedHashMap<>(options.seismic().toMap());
        details.put("model", model.description());
        service.index(new IndexInfo(spec.name(), "seismic", documents, details));
      }
      for (CollectionSettings.DenseSpec spec : settings.dense()) {
        ModelSource model = ModelReference.resolve(spec.encoder(), where + " dense index " + spec.name());
        DenseEncoder encoder = Encoders.dense(model, encoderOptions);
        denseEncoders.put(spec.name(), encoder);
        stages.add(new DenseStage(spec.name(), encoder::encodeQuery, collection, null));
        service.index(new IndexInfo(spec.name(), "dense", documents, Map.of("model", model.description())));
      }
      for (RetrievalStage s : stages) {
        service.pipeline(Pipeline.single(s, options.depth()));
      }
      String best = stages.get(0).name();
      DocumentStore store = documents(collection);
      if (stages.size() > 1) {
        Pipeline hybrid = Pipelines.hybrid(stages, options.fusion(), options.weights(), options.depth());
        service.pipeline(hybrid);
        best = hybrid.name();
        Path ltr = CollectionFormat.ltrModel(collection.folder());
        if (Files.isRegularFile(ltr)) {
          try {
            TextFeatures text = textFeatures(store, log);
            service.pipeline(Pipelines.hybridLtr(hybrid, text, LtrModel.load(ltr), options.rerankDepth()));
            best = Pipelines.HYBRID_LTR;
          } catch (IllegalArgumentException e) {
            log.println("lsr: " + ltr + " is not used: " + e.getMessage());
          }
        }
      }
      DocumentEncoders encoders = new DocumentEncoders(sparseEncoders, denseEncoders);
      service.defaultPipeline(best).documents(store).closing(encoders);
      return new CollectionService(collection, service.build(), encoders);
    } catch (IOException | RuntimeException e) {
      new DocumentEncoders(sparseEncoders, denseEncoders).close();
      throw e;
    }
  }

  /** The stored documents of the collection, read from the request's snapshot. */
  private static DocumentStore documents(Collection collection) {
    return new DocumentStore() {
      @Override
      public Document get(String id, RequestSnapshots snapshots) {
        return snapshots.of(collection).document(id);
      }

      @Override
      public long size() {
        return collection.commit().documents();
      }

      @Override
      public void forEach(java.util.function.Consumer<Document> action) {
        try (Snapshot s = collection.acquire()) {
          for (int i = 0; i < s.segments().size(); i++) {
            var segment = s.segments().get(i);
            var deleted = s.deleted(i);
            for (int d = 0; d < segment.size(); d++) {
              if (!deleted.contains(d)) {
                action.accept(segment.document(d));
              }
            }
          }
        }
      }
    };
  }

  /**
   * The reranker's text features over the whole collection, analyzed once at start-up: documents
   * added later have no term bag, and their text features are missing.
   */
  private static TextFeatures textFeatures(DocumentStore documents, PrintWriter log) {
    long start = System.nanoTime();
    Map<String, String> texts = new LinkedHashMap<>();
    documents.forEach(d -> texts.put(d.id(), CorpusStatistics.passage(d)));
    CorpusStatistics stats = CorpusStatistics.build(texts, TextAnalysis.english());
    log.printf("lsr: analyzed %d documents for the reranker's text features in %.1f s%n", texts.size(),
        (System.nanoTime() - start) / 1e9);
    log.flush();
    return new TextFeatures(TextAnalysis.english(), stats, stats::bag);
  }

  public Collection collection() {
    return collection;
  }

  /** The latest commit served. */
  public CommitPoint commit() {
    return collection.commit();
  }

  public SearchService search() {
    return search;
  }

  /** The writer opened by {@link #openWriter}, or null. */
  public CollectionWriter writer() {
    return writer;
  }

  /** Opens the collection's writer, once; its commits are served at once. */
  public synchronized CollectionWriter openWriter(String holder, CollectionWriter.Options options) throws IOException {
    if (writer == null) {
      writer = collection.writer(holder, options);
    }
    return writer;
  }

  /** The encoders of the collection's sparse and dense indexes, for documents to add. */
  public DocumentEncoders encoders() {
    return encoders;
  }

  /** Closes the service (stages, encoders), then the collection (and its writer, if open). */
  @Override
  public void close() throws IOException {
    try {
      search.close();
    } finally {
      collection.close();
    }
  }
}
