package lsr.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.encoder.ParallelEncoding;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;
import lsr.index.seismic.SearchParams;
import lsr.index.seismic.SeismicConfig;
import lsr.query.Bm25Stage;
import lsr.query.dense.DenseStage;
import lsr.query.ltr.CorpusStatistics;
import lsr.query.ltr.TextAnalysis;
import lsr.query.pipeline.RetrievalStage;
import lsr.query.sparse.SparseStage;

/**
 * The retrieval stages over one dataset's corpus (BM25, dense, SPLADE, uniCOIL), each built on first
 * use and shared by every pipeline that needs it. Encoded corpora are the slow part, so each stage's
 * collection is kept in a cache folder, its commit recording a manifest (model, Seismic build settings,
 * corpus file, size and SHA-256), and reused while the manifest and the settings still match;
 * anything else is rebuilt. The corpus is identified by its content, not its file time, so a copied
 * or touched corpus is not encoded again. Not thread-safe while building.
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
      SeismicConfig seismicConfig,
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
  private final List<Collection> collections = new ArrayList<>();
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
    Path folder = settings.bm25Index() != null ? settings.bm25Index()
        : cache.resolve("bm25-" + settings.bm25Analyzer().id());
    if (settings.bm25Index() != null && CollectionFormat.isCollection(folder)) {
      Collection given = open(folder);
      TextAnalyzer built = given.commit().settings().bm25();
      if (built != settings.bm25Analyzer()) {
        throw new IllegalArgumentException("the collection in " + folder + " was built with "
            + (built == null ? "no BM25 index" : "--analyzer " + built) + ", not " + settings.bm25Analyzer()
            + "; pass --analyzer " + built + " or another --bm25-index folder");
      }
      return new Bm25Stage(given, settings.bm25Params());
    }
    CollectionSettings wanted = new CollectionSettings(settings.bm25Analyzer(), List.of(), List.of(), Map.of());
    Collection c = cached(folder, wanted, manifest("bm25 " + settings.bm25Analyzer().id()), () -> {
      log.printf("lsr eval: indexing %s for BM25%n", dataset.name());
      log.flush();
      List<IndexedDocument> docs = new ArrayList<>();
      for (Document d : documents()) {
        docs.add(new IndexedDocument(d, Map.of(), Map.of()));
      }
      return docs;
    });
    return new Bm25Stage(c, settings.bm25Params());
  }

  private RetrievalStage dense() throws IOException {
    ModelSource source = ModelSource.resolve(settings.denseModel());
    DenseEncoder encoder = Encoders.dense(source, encoderOptions());
    try {
      Path folder = cache.resolve("dense-" + safe(settings.denseModel()));
      CollectionSettings wanted = new CollectionSettings(null, List.of(),
          List.of(new CollectionSettings.DenseSpec("dense", ModelReference.describe(source, settings.denseModel()))),
          Map.of());
      Collection c = cached(folder, wanted, manifest(source.description()), () -> {
        List<Document> docs = documents();
        List<float[]> vectors = new ArrayList<>(docs.size());
        encodeAll(docs, "dense " + settings.denseModel(), batch -> encoder.encode(batch, TextKind.PASSAGE),
            encoder.textsPerRun(), vectors);
        List<IndexedDocument> ready = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
          ready.add(new IndexedDocument(docs.get(i), Map.of(), Map.of("dense", vectors.get(i))));
        }
        return ready;
      });
      return new DenseStage("dense", encoder::encodeQuery, c, encoder);
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
      CollectionSettings wanted = new CollectionSettings(null,
          List.of(new CollectionSettings.SparseSpec(name, ModelReference.describe(source, model), settings.seismicConfig())),
          List.of(), Map.of());
      ObjectNode manifest = manifest(source.description());
      manifest.put("seismic", settings.seismicConfig().cacheKey());
      Collection c = cached(folder, wanted, manifest, () -> {
        List<Document> docs = documents();
        List<SparseVector> vectors = new ArrayList<>(docs.size());
        encodeAll(docs, name + " " + model, batch -> encoder.encode(batch, TextKind.PASSAGE), encoder.textsPerRun(),
            vectors);
        List<IndexedDocument> ready = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
          ready.add(new IndexedDocument(docs.get(i), Map.of(name, vectors.get(i)), Map.of()));
        }
        return ready;
      });
      return new SparseStage(name, encoder::encodeQuery, c, settings.seismicParams(), encoder);
    } catch (IOException | RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /** What builds a stage's collection when the cache does not hold it. */
  private interface Build {
    List<IndexedDocument> documents() throws IOException;
  }

  /**
   * The collection in {@code folder} when it was built with {@code wanted} from this corpus
   * ({@code manifest}, recorded with its commit); otherwise it is built again there.
   */
  private Collection cached(Path folder, CollectionSettings wanted, ObjectNode manifest, Build build)
      throws IOException {
    if (CollectionFormat.isCollection(folder)) {
      Collection c = open(folder);
      // As JSON text: numbers read back from the commit equal the ones computed now.
      if (c.commit().settings().sameIndexes(wanted)
          && c.commit().userData().path("cache").toString().equals(manifest.toString())) {
        return c;
      }
      collections.remove(c);
      c.close();
      Collection.destroy(folder);
    }
    List<IndexedDocument> documents = build.documents();
    try (Collection c = Collection.create(folder, wanted, null);
        CollectionWriter w = c.writer("lsr eval", CollectionWriter.Options.DEFAULTS.withThreads(settings.threads())
            .withBackgroundMerges(false))) {
      w.addAll(documents.iterator(), false);
      ObjectNode userData = JSON.createObjectNode();
      userData.set("cache", manifest);
      w.commit(userData);
    }
    return open(folder);
  }

  private Collection open(Path folder) throws IOException {
    Collection c = Collection.open(folder);
    collections.add(c);
    return c;
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

  private ObjectNode manifest(String builtWith) throws IOException {
    Path corpus = corpusFile();
    ObjectNode m = JSON.createObjectNode();
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

  private static String safe(String spec) {
    return spec.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Deletes a cache folder this class built into (a temporary one): the collections in it, then the
   * folder.
   */
  public static void discard(Path cache) throws IOException {
    if (!Files.exists(cache)) {
      return;
    }
    try (var all = Files.walk(cache)) {
      for (Path p : all.filter(Files::isDirectory).filter(CollectionFormat::isCollection).toList()) {
        Collection.destroy(p);
      }
    }
    org.apache.commons.io.file.PathUtils.deleteDirectory(cache);
  }

  @Override
  public void close() throws IOException {
    for (RetrievalStage s : stages.values()) {
      s.close();
    }
    stages.clear();
    for (Collection c : collections) {
      c.close();
    }
    collections.clear();
  }
}
