package lsr.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lsr.data.BeirDataset;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.RecordReader;
import lsr.data.Sha256;
import lsr.data.SparseVector;
import lsr.encoder.DenseEncoder;
import lsr.encoder.EncoderOptions;
import lsr.encoder.Encoders;
import lsr.encoder.ModelSource;
import lsr.encoder.ParallelEncoding;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.VectorCollection;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.SeismicFormat;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicIndexBuilder;
import lsr.query.Bm25Retriever;
import lsr.query.dense.DenseStage;
import lsr.query.dense.FlatDenseIndex;
import lsr.query.ltr.CorpusStatistics;
import lsr.query.ltr.TextAnalysis;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.pipeline.RetrieverStage;
import lsr.query.sparse.SparseStage;

/**
 * The retrieval stages over one dataset's corpus (BM25, dense, SPLADE, uniCOIL), each built on first
 * use and shared by every pipeline that needs it. Encoded corpora are the slow part, so built indexes
 * go to a cache folder with a manifest (model fingerprint, Seismic build settings and format, corpus file,
 * size and SHA-256) and are reused while the manifest still matches; anything else is rebuilt. The
 * corpus is identified by its content, not its file time, so a copied or touched corpus is not
 * encoded again. Not thread-safe while building.
 */
public final class CorpusStages implements AutoCloseable {

  /**
   * Where each stage's model comes from and how the stages are built.
   *
   * @param bm25Index a BM25 index folder to reuse when it holds one, or to build into; null to build
   *     into the cache
   */
  public record Settings(
      Path bm25Index,
      String spladeModel,
      String unicoilModel,
      String denseModel,
      TextAnalyzer bm25Analyzer,
      Bm25Params bm25Params,
      SearchParams seismicParams,
      int threads) {}

  public static final String DEFAULT_SPLADE_MODEL = "splade";
  public static final String DEFAULT_UNICOIL_MODEL = "unicoil";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BeirDataset dataset;
  private final Path cache;
  private final ErrorPolicy policy;
  private final Settings settings;
  private final PrintWriter log;
  private final Map<String, RetrievalStage> stages = new LinkedHashMap<>();
  private List<Document> documents;
  private String corpusDigest;
  private CorpusStatistics statistics;

  /**
   * @param cache the folder for indexes (created when missing)
   * @param log where progress lines go
   */
  public CorpusStages(BeirDataset dataset, Path cache, ErrorPolicy policy, Settings settings, PrintWriter log) {
    this.dataset = dataset;
    this.cache = cache;
    this.policy = policy;
    this.settings = settings;
    this.log = log;
  }

  /** The stage names {@link #stage} knows. */
  public static List<String> names() {
    return List.of("bm25", "splade", "unicoil", "dense");
  }

  /**
   * The stage called {@code name}, built (or reopened from the cache) on first use.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public RetrievalStage stage(String name) throws IOException {
    RetrievalStage s = stages.get(name);
    if (s == null) {
      s = switch (name) {
        case "bm25" -> bm25();
        case "dense" -> dense();
        case "splade" -> sparse("splade", settings.spladeModel());
        case "unicoil" -> sparse("unicoil", settings.unicoilModel());
        default -> throw new IllegalArgumentException("unknown stage '" + name + "'; known: " + names());
      };
      stages.put(name, s);
    }
    return s;
  }

  /**
   * The stages a hybrid fuses when none are named: BM25, SPLADE and dense, without SPLADE when its
   * model cannot be found (said on the log).
   */
  public List<String> defaultHybrid() {
    List<String> names = new ArrayList<>(List.of("bm25", "splade", "dense"));
    if (!available("splade")) {
      names.remove("splade");
      log.println("lsr: no SPLADE model '" + settings.spladeModel() + "' found; the hybrid fuses bm25 and dense");
      log.flush();
    }
    return names;
  }

  /** Whether a model for {@code name} can be found (BM25 needs none). */
  public boolean available(String name) {
    return switch (name) {
      case "bm25" -> true;
      case "dense" -> canResolve(settings.denseModel());
      case "splade" -> canResolve(settings.spladeModel());
      case "unicoil" -> canResolve(settings.unicoilModel());
      default -> false;
    };
  }

  private static boolean canResolve(String spec) {
    try {
      ModelSource.resolve(spec);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The corpus, read once and kept in memory. */
  public List<Document> documents() throws IOException {
    if (documents == null) {
      List<Document> docs = new ArrayList<>();
      try (RecordReader<Document> corpus = dataset.corpus(policy)) {
        corpus.forEachRemaining(docs::add);
      }
      documents = List.copyOf(docs);
    }
    return documents;
  }

  /** Term statistics of the corpus for the text features of learning to rank. */
  public CorpusStatistics statistics() throws IOException {
    if (statistics == null) {
      Map<String, String> texts = new LinkedHashMap<>();
      for (Document d : documents()) {
        texts.put(d.id(), CorpusStatistics.passage(d));
      }
      statistics = CorpusStatistics.build(texts, TextAnalysis.english());
    }
    return statistics;
  }


  private RetrievalStage bm25() throws IOException {
    if (settings.bm25Index() != null) {
      return givenBm25(settings.bm25Index());
    }
    Path folder = cache.resolve("bm25-" + settings.bm25Analyzer().id());
    Map<String, Object> manifest = manifest("bm25 " + settings.bm25Analyzer().id());
    if (!reusable(folder, manifest)) {
      log.printf("lsr eval: indexing %s for BM25%n", dataset.name());
      log.flush();
      deleteTree(folder);
      Files.createDirectories(folder);
      Bm25Retriever.build(folder, documents().iterator(), settings.bm25Analyzer(), settings.bm25Params()).close();
      writeManifest(folder, manifest);
    }
    return new RetrieverStage(Bm25Retriever.open(folder, settings.bm25Params()));
  }

  /** The user's own BM25 folder: reused as it is when it holds an index, else built there. */
  private RetrievalStage givenBm25(Path folder) throws IOException {
    boolean hasFiles = false;
    if (Files.isDirectory(folder)) {
      try (var files = Files.list(folder)) {
        hasFiles = files.findAny().isPresent();
      }
    }
    if (!hasFiles) {
      Files.createDirectories(folder);
      return new RetrieverStage(
          Bm25Retriever.build(folder, documents().iterator(), settings.bm25Analyzer(), settings.bm25Params()));
    }
    Bm25Retriever reused = Bm25Retriever.open(folder, settings.bm25Params());
    if (reused.index().analyzer() != settings.bm25Analyzer()) {
      reused.close();
      throw new IllegalArgumentException("the BM25 index in " + folder + " was built with --analyzer "
          + reused.index().analyzer() + ", not " + settings.bm25Analyzer() + "; pass --analyzer "
          + reused.index().analyzer() + " or another --bm25-index folder");
    }
    return new RetrieverStage(reused);
  }

  private RetrievalStage dense() throws IOException {
    ModelSource source = ModelSource.resolve(settings.denseModel());
    DenseEncoder encoder = Encoders.dense(source, encoderOptions());
    try {
      Path folder = cache.resolve("dense-" + safe(settings.denseModel()));
      Map<String, Object> manifest = manifest(source.description());
      manifest.put("model", source.fingerprint());
      if (!reusable(folder, manifest)) {
        List<Document> docs = documents();
        List<String> ids = new ArrayList<>(docs.size());
        List<float[]> vectors = new ArrayList<>(docs.size());
        encodeAll(docs, "dense " + settings.denseModel(), batch -> encoder.encode(batch, TextKind.PASSAGE),
            encoder.textsPerRun(), vectors);
        docs.forEach(d -> ids.add(d.id()));
        deleteTree(folder);
        FlatDenseIndex.of(ids, vectors).write(folder);
        writeManifest(folder, manifest);
      }
      return new DenseStage("dense", encoder::encodeQuery, FlatDenseIndex.read(folder), encoder);
    } catch (IOException | RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  private RetrievalStage sparse(String name, String model) throws IOException {
    ModelSource source = ModelSource.resolve(model);
    SparseEncoder encoder = Encoders.sparse(source, encoderOptions());
    try {
      Path folder = cache.resolve(name + "-" + safe(model));
      Map<String, Object> manifest = manifest(source.description());
      manifest.put("model", source.fingerprint());
      manifest.put("seismic", SeismicConfig.DEFAULTS.cacheKey());
      manifest.put("seismicFormat", SeismicFormat.VERSION);
      if (!reusable(folder, manifest)) {
        List<Document> docs = documents();
        List<SparseVector> vectors = new ArrayList<>(docs.size());
        encodeAll(docs, name + " " + model, batch -> encoder.encode(batch, TextKind.PASSAGE), encoder.textsPerRun(),
            vectors);
        VectorCollection.Builder collection = VectorCollection.builder();
        for (int i = 0; i < docs.size(); i++) {
          collection.add(docs.get(i).id(), vectors.get(i));
        }
        deleteTree(folder);
        SeismicIndexBuilder.build(folder, collection.build(), SeismicConfig.DEFAULTS, settings.threads()).close();
        writeManifest(folder, manifest);
      }
      return new SparseStage(name, encoder::encodeQuery, SeismicIndex.open(folder), settings.seismicParams(), encoder);
    } catch (IOException | RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /** One ONNX Runtime thread per run: the corpus is encoded by one worker per thread instead. */
  private EncoderOptions encoderOptions() {
    return EncoderOptions.defaults();
  }

  private <T> void encodeAll(List<Document> docs, String what, Function<List<String>, List<T>> encode,
      int textsPerRun, List<T> out) {
    int threads = Math.max(1, settings.threads());
    // A small collection is split evenly, so that no worker waits on another's last long chunk.
    int chunk = Math.max(1, Math.min(ParallelEncoding.chunkSize(textsPerRun), (docs.size() + threads - 1) / threads));
    long start = System.nanoTime();
    long[] lastReport = {start};
    try (ParallelEncoding<T> pool = new ParallelEncoding<>(encode, threads, chunk)) {
      pool.run(docs.iterator(), CorpusStatistics::passage, (doc, vector) -> {
        out.add(vector);
        long now = System.nanoTime();
        if (now - lastReport[0] > 10_000_000_000L || out.size() == docs.size()) {
          log.printf("lsr eval: encoding %s with %s: %d / %d documents, %.1f per second%n", dataset.name(), what,
              out.size(), docs.size(), out.size() / ((now - start) / 1e9));
          log.flush();
          lastReport[0] = now;
        }
      });
    }
  }

  private Map<String, Object> manifest(String builtWith) throws IOException {
    Path corpus = corpusFile();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("builtWith", builtWith);
    m.put("corpus", corpus.toAbsolutePath().normalize().toString());
    m.put("corpusBytes", Files.size(corpus));
    m.put("corpusSha256", corpusDigest(corpus));
    return m;
  }

  /** SHA-256 of the corpus file, read once per run (every stage's manifest names it). */
  private String corpusDigest(Path corpus) throws IOException {
    if (corpusDigest == null) {
      try (InputStream in = Files.newInputStream(corpus)) {
        corpusDigest = new Sha256().update(in).hex();
      }
    }
    return corpusDigest;
  }

  private Path corpusFile() throws IOException {
    for (String name : List.of("corpus.jsonl", "corpus.jsonl.gz")) {
      Path p = dataset.folder().resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new java.nio.file.NoSuchFileException(dataset.folder().resolve("corpus.jsonl").toString());
  }

  private static boolean reusable(Path folder, Map<String, Object> manifest) throws IOException {
    Path file = folder.resolve("lsr-cache.json");
    if (!Files.isRegularFile(file)) {
      return false;
    }
    return JSON.readValue(file.toFile(), Map.class).equals(JSON.readValue(JSON.writeValueAsBytes(manifest), Map.class));
  }

  private static void writeManifest(Path folder, Map<String, Object> manifest) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("lsr-cache.json").toFile(), manifest);
  }

  private static String safe(String spec) {
    return spec.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Deletes a folder and everything in it; nothing when it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    for (RetrievalStage s : stages.values()) {
      s.close();
    }
    stages.clear();
  }
}
