package lsr.query.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import lsr.encoder.ModelSource;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.bm25.Bm25Params;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicIndex;
import lsr.query.Bm25Retriever;
import lsr.query.dense.DenseIndex;
import lsr.query.dense.DenseStage;
import lsr.query.dense.FlatDenseIndex;
import lsr.query.dense.HnswDenseIndex;
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
 * A folder of indexes over one collection, opened as a {@link SearchService}. Layout (every part but
 * the manifest optional, at least one index present):
 *
 * <pre>
 * folder/lsr-search.json   {"sparse": {"name": "splade", "model": "splade"}, "dense": {"model": "bge-small-en-v1.5"}}
 * folder/seismic/          the sparse (Seismic) index; or the Seismic index files in folder itself
 * folder/bm25/             the BM25 index, whose stored documents are the texts shown with hits
 * folder/dense.flat        the dense index, exact search ({@link FlatDenseIndex})
 * folder/dense.hnsw/       the dense index, HNSW ({@link HnswDenseIndex})
 * folder/ltr-model.json    a reranker trained for the hybrid of the stages present
 * </pre>
 *
 * Pipelines served: each stage alone (by its name), {@code hybrid} (their fusion) when there are
 * several, and {@code hybrid-ltr} when the reranker's features match the hybrid; the richest is the
 * default.
 */
public final class SearchFolder {

  public static final String MANIFEST = "lsr-search.json";
  public static final String SEISMIC = "seismic";
  public static final String BM25 = "bm25";
  public static final String LTR_MODEL = "ltr-model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to open a folder.
   *
   * @param sparseModel the sparse model when the manifest names none
   * @param denseModel the dense model when the manifest names none
   * @param seismic Seismic's query-time parameters
   * @param depth candidates per stage
   * @param rerankDepth candidates the reranker reorders
   * @param fusion the hybrid's fusion method
   * @param weights the hybrid's stage weights
   * @param maxConcurrent searches that may run at once
   */
  public record Options(String sparseModel, String denseModel, SearchParams seismic, int depth, int rerankDepth,
      FusionMethod fusion, FusionWeights weights, int maxConcurrent) {}

  private SearchFolder() {}

  /** Writes the manifest that says which models encode queries for the folder's indexes. */
  public static void writeManifest(Path folder, String sparseName, String sparseModel, String denseModel)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (sparseName != null) {
      root.putObject("sparse").put("name", sparseName).put("model", sparseModel);
    }
    if (denseModel != null) {
      root.putObject("dense").put("model", denseModel);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(MANIFEST).toFile(), root);
  }

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
    JsonNode manifest = Files.isRegularFile(folder.resolve(MANIFEST))
        ? JSON.readTree(folder.resolve(MANIFEST).toFile()) : JSON.createObjectNode();
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
      Path seismic = Files.isDirectory(folder.resolve(SEISMIC)) ? folder.resolve(SEISMIC) : folder;
      if (Files.isRegularFile(seismic.resolve("meta.lsr")) || Files.isDirectory(folder.resolve(SEISMIC))) {
        String name = manifest.path("sparse").path("name").asText("splade");
        String model = manifest.path("sparse").path("model").asText(options.sparseModel());
        SeismicIndex index = SeismicIndex.open(seismic);
        SparseEncoder encoder = Encoders.sparse(ModelSource.resolve(model), encoderOptions);
        stages.add(new SparseStage(name, encoder::encodeQuery, index, options.seismic(), encoder));
        service.encoder(name, (text, asQuery) -> encoder.encode(List.of(text),
            asQuery ? TextKind.QUERY : TextKind.PASSAGE).get(0));
        Map<String, Object> details = new LinkedHashMap<>(options.seismic().toMap());
        details.put("model", model);
        details.put("bytes", index.sizeInBytes());
        service.index(new IndexInfo(name, "seismic", index.size(), details));
      }
      DenseIndex dense = Files.isRegularFile(folder.resolve(FlatDenseIndex.FILE_NAME)) ? FlatDenseIndex.read(folder)
          : Files.isDirectory(folder.resolve(HnswDenseIndex.FOLDER_NAME)) ? HnswDenseIndex.open(folder) : null;
      if (dense != null) {
        String model = manifest.path("dense").path("model").asText(options.denseModel());
        DenseEncoder encoder = Encoders.dense(ModelSource.resolve(model), encoderOptions);
        stages.add(new DenseStage("dense", encoder::encodeQuery, dense, encoder));
        service.index(new IndexInfo("dense", "dense-" + dense.kind(), dense.size(),
            Map.of("model", model, "dimension", dense.dimension())));
      }
      if (stages.isEmpty()) {
        throw new NoSuchFileException(folder.toString(), null,
            "no index here: expected bm25/, seismic/ (or Seismic files), dense.flat or dense.hnsw/");
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
