package lsr.query.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.data.Document;
import lsr.encoder.DenseEncoder;
import lsr.encoder.EncoderOptions;
import lsr.encoder.Encoders;
import lsr.encoder.ModelConfig;
import lsr.encoder.ModelSource;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.bm25.Bm25Params;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicIndex;
import lsr.query.Bm25Retriever;
import lsr.query.dense.DenseIndex;
import lsr.query.dense.DenseStage;
import lsr.query.dense.DenseVectors;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.CorpusStatistics;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.TextAnalysis;
import lsr.query.ltr.TextFeatures;
import lsr.query.pipeline.Pipeline;
import lsr.query.pipeline.Pipelines;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.RetrieverStage;
import lsr.query.sparse.SparseStage;

/**
 * A folder of indexes over one collection, opened as a {@link SearchService}. Layout (every part
 * optional, at least one present):
 *
 * <pre>
 * folder/lsr-index.json, folder/seismic/   the sparse index, as {@code lsr index --encoder splade|unicoil} writes it
 *                                          (the description names the encoder and model for queries)
 * folder/dense/lsr-index.json, vectors.jsonl  dense vectors, as {@code lsr index --encoder dense} writes them;
 *                                          searched exactly, or with HNSW above {@link #HNSW_THRESHOLD} documents
 * folder/bm25/                             the BM25 index, whose stored documents are the texts shown with hits
 * folder/ltr-model.json                    a reranker trained for the hybrid of the stages present
 * </pre>
 *
 * Pipelines served: each stage alone (by its name), {@code hybrid} (their fusion) when there are
 * several, and {@code hybrid-ltr} when the reranker's features match the hybrid; the richest is the
 * default. Stages are ordered bm25, sparse, dense, as {@code lsr train-ltr} orders them.
 */
public final class SearchFolder {

  /** The description {@code lsr index} writes beside its indexes. */
  public static final String DESCRIPTION = "lsr-index.json";

  /** The key of {@link #DESCRIPTION} holding the encoding model's {@link ModelSource#fingerprint()}. */
  public static final String MODEL_SHA256 = "model_sha256";
  public static final String SEISMIC = "seismic";
  public static final String DENSE = "dense";
  public static final String BM25 = "bm25";
  public static final String LTR_MODEL = "ltr-model.json";
  /** Dense collections larger than this are searched with HNSW rather than exactly. */
  public static final int HNSW_THRESHOLD = 200_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to open a folder.
   *
   * @param seismic Seismic's query-time parameters
   * @param depth candidates per stage
   * @param rerankDepth candidates the reranker reorders
   * @param fusion the hybrid's fusion method
   * @param weights the hybrid's stage weights
   * @param maxConcurrent searches that may run at once
   */
  public record Options(SearchParams seismic, int depth, int rerankDepth,
      FusionMethod fusion, FusionWeights weights, int maxConcurrent) {}

  private SearchFolder() {}

  /**
   * Opens every index in {@code folder} and the encoders their queries need.
   *
   * @param log where what was found goes
   * @throws IOException when the folder holds no index, or one is unreadable (named in the message)
   */
  public static SearchService open(Path folder, Options options, PrintWriter log) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such index folder");
    }
    List<RetrievalStage> stages = new ArrayList<>();
    SearchService.Builder service = SearchService.builder().maxConcurrent(options.maxConcurrent());
    EncoderOptions encoderOptions = EncoderOptions.defaults();
    DocumentStore documents = null;
    try {
      Path bm25 = folder.resolve(BM25);
      if (Files.isDirectory(bm25)) {
        Bm25Retriever retriever = Bm25Retriever.open(bm25, Bm25Params.DEFAULTS);
        stages.add(new RetrieverStage(retriever));
        documents = bm25Documents(retriever);
        service.index(new IndexInfo("bm25", "lucene-bm25", retriever.index().size(),
            Map.of("analyzer", retriever.index().analyzer().id())));
      }
      JsonNode sparse = description(folder);
      if (sparse != null && Files.isDirectory(folder.resolve(SEISMIC))) {
        String name = sparse.path("encoder").asText("splade");
        ModelSource model = model(sparse, folder.resolve(DESCRIPTION));
        SeismicIndex index = SeismicIndex.open(folder.resolve(SEISMIC));
        SparseEncoder encoder = Encoders.sparse(model, encoderOptions);
        stages.add(new SparseStage(name, encoder::encodeQuery, index, options.seismic(), encoder));
        service.encoder(name, (text, asQuery) -> encoder.encode(List.of(text),
            asQuery ? TextKind.QUERY : TextKind.PASSAGE).get(0));
        Map<String, Object> details = new LinkedHashMap<>(options.seismic().toMap());
        details.put("model", model.description());
        details.put("bytes", index.sizeInBytes());
        service.index(new IndexInfo(name, "seismic", index.size(), details));
      }
      JsonNode dense = description(folder.resolve(DENSE));
      if (dense != null) {
        ModelSource model = model(dense, folder.resolve(DENSE).resolve(DESCRIPTION));
        DenseIndex index = DenseVectors.open(folder.resolve(DENSE), HNSW_THRESHOLD, log);
        DenseEncoder encoder = Encoders.dense(model, encoderOptions);
        stages.add(new DenseStage("dense", encoder::encodeQuery, index, encoder));
        service.index(new IndexInfo("dense", "dense-" + index.kind(), index.size(),
            Map.of("model", model.description(), "dimension", index.dimension())));
      }
      if (stages.isEmpty()) {
        throw new NoSuchFileException(folder.toString(), null,
            "no index here: expected bm25/, lsr-index.json with seismic/ (lsr index), or dense/");
      }
      for (RetrievalStage s : stages) {
        service.pipeline(Pipeline.single(s, options.depth()));
      }
      String best = stages.get(0).name();
      if (stages.size() > 1) {
        Pipeline hybrid = Pipelines.hybrid(stages, options.fusion(), options.weights(), options.depth());
        service.pipeline(hybrid);
        best = hybrid.name();
        Path ltr = folder.resolve(LTR_MODEL);
        if (Files.isRegularFile(ltr) && documents != null) {
          try {
            TextFeatures text = textFeatures(documents, log);
            service.pipeline(Pipelines.hybridLtr(hybrid, text, LtrModel.load(ltr), options.rerankDepth()));
            best = Pipelines.HYBRID_LTR;
          } catch (IllegalArgumentException e) {
            log.println("lsr: " + ltr + " is not used: " + e.getMessage());
          }
        }
      }
      service.defaultPipeline(best).documents(documents);
      return service.build();
    } catch (IOException | RuntimeException e) {
      stages.forEach(RetrievalStage::close);
      throw e;
    }
  }

  /** The {@code lsr index} description in {@code folder}, or null when there is none. */
  private static JsonNode description(Path folder) throws IOException {
    Path file = folder.resolve(DESCRIPTION);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The model a description names, with the config it was indexed with: a model folder, a built-in
   * or shipped name, or a shipped model's classpath description ({@code classpath:lsr/models/x/}).
   */
  static ModelSource model(JsonNode description, Path where) {
    String reference = description.path("model").asText("");
    if (reference.isEmpty()) {
      throw new IllegalArgumentException(where + ": field 'model' is missing; reindex with lsr index");
    }
    ModelSource source;
    if (reference.startsWith("classpath:")) {
      source = ModelSource.classpath(reference.substring("classpath:".length()));
    } else {
      // A built-in model's description reads "bge-small-en-v1.5 (langchain4j-...)": its name comes first.
      int paren = reference.indexOf(" (");
      source = ModelSource.resolve(paren > 0 && !Files.isDirectory(Path.of(reference)) ? reference.substring(0, paren) : reference);
    }
    JsonNode config = description.get("model_config");
    if (config != null) {
      source = source.withConfig(ModelConfig.parse(config.toString(), where + " model_config"));
    }
    JsonNode recorded = description.get(MODEL_SHA256);
    if (recorded != null && !recorded.asText().equals(source.fingerprint())) {
      throw new IllegalArgumentException(where + ": the index was encoded by another version of the model "
          + reference + " (its " + MODEL_SHA256 + " differs), so queries encoded now would not match its "
          + "vectors; rebuild it with lsr index");
    }
    return source;
  }

  /** The stored documents of the BM25 index, by external id. */
  private static DocumentStore bm25Documents(Bm25Retriever retriever) {
    int n = retriever.index().size();
    int[] all = new int[n];
    for (int d = 0; d < n; d++) {
      all[d] = d;
    }
    String[] ids = retriever.index().externalIds(all);
    Map<String, Integer> byId = new HashMap<>(n * 2);
    for (int d = 0; d < n; d++) {
      byId.put(ids[d], d);
    }
    return new DocumentStore() {
      @Override
      public Document get(String id) {
        Integer d = byId.get(id);
        return d == null ? null : retriever.index().document(d);
      }

      @Override
      public int size() {
        return n;
      }

      @Override
      public void forEach(java.util.function.Consumer<Document> action) {
        for (int d = 0; d < n; d++) {
          action.accept(retriever.index().document(d));
        }
      }
    };
  }

  /** The reranker's text features over the whole collection (analyzed once, at start-up). */
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
}
