package lsr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import lsr.data.DenseVectorReader;
import lsr.data.DenseVectorRecord;
import lsr.data.Document;
import lsr.data.ErrorPolicy;
import lsr.data.RecordReader;
import lsr.data.Sha256;
import lsr.data.SparseVector;
import lsr.data.VectorJsonlLayout;
import lsr.data.VectorJsonlReader;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.index.bm25.TextAnalyzer;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionFormat;
import lsr.index.collection.CollectionSettings;
import lsr.index.collection.CollectionWriter;
import lsr.index.collection.IndexedDocument;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lsr index}: documents in, a collection out (created, or appended to, or updated). Two
 * resumable steps, each redone only as far as an interrupted run left it:
 *
 * <ol>
 *   <li>encode the documents with each encoder into the collection's staging folder ({@link
 *       EncodingJob}: a killed run continues after its last complete line);
 *   <li>write them, with their vectors, stored texts and BM25, as one new segment and commit it. The
 *       commit records the job, so a rerun of a finished job does nothing, and a killed build
 *       leaves only files the next writer deletes.
 * </ol>
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
        "Indexes documents into a collection folder (see lsr info): encodes a collection (MS MARCO collection.tsv"
            + " or a BEIR folder) with each --encoder, or takes pre-encoded sparse vectors (--vectors), and writes"
            + " them with their texts and BM25 as one new segment.",
        "--mode create (default) makes a new collection; append adds documents whose ids are new; update adds"
            + " or replaces documents by id. Append and update use the collection's own encoders.",
        "Resumable: rerun the same command after an interruption and it continues where it stopped; rerun"
            + " after success and it does nothing."})
final class IndexCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the documents come from: a collection to encode, or a file of vectors. */
  static final class Source {
    @Option(names = "--collection", required = true, paramLabel = "<tsv|BEIR folder>",
        description = "The documents: an id<TAB>text TSV (MS MARCO collection.tsv; plain or gzip) or a BEIR folder"
            + " (its metadata become the documents' fields).")
    Path collection;

    @Option(names = "--vectors", required = true, paramLabel = "<jsonl>",
        description = "Pre-encoded sparse vectors, Anserini or Seismic JSON lines (plain or gzip; their text field"
            + " is stored), tokens of the --model's vocabulary (without --model: bert-base-uncased).")
    Path vectors;
  }

  /** How the documents meet the collection. */
  enum Mode { CREATE, APPEND, UPDATE }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--out", required = true, paramLabel = "<folder>", description = "The collection folder.")
  Path out;

  @Option(names = "--mode", paramLabel = "create|append|update", converter = ModeConverter.class,
      description = "create a collection, append new documents, or update (add or replace by id). Default: create.")
  Mode mode = Mode.CREATE;

  @Option(names = "--encoder", paramLabel = "splade|unicoil|dense", split = ",",
      converter = EncoderOptionsMixin.ModelTypeConverter.class,
      description = "An index to build, named after it (repeatable or comma-separated: splade,dense): splade or"
          + " unicoil (a Seismic index of sparse vectors) or dense (a bi-encoder's vectors).")
  List<ModelType> encoders = new ArrayList<>();

  @Option(names = "--no-bm25", description = "Build no BM25 index (texts are still stored).")
  boolean noBm25;

  @Option(names = "--analyzer", paramLabel = "<name>", converter = Bm25Options.AnalyzerConverter.class,
      description = "Text analysis for BM25: standard, porter or english (default: ${DEFAULT-VALUE}).")
  TextAnalyzer analyzer = TextAnalyzer.DEFAULT;

  @Mixin
  EncoderOptionsMixin encoder = new EncoderOptionsMixin();

  @Mixin
  SeismicBuildOptions seismic = new SeismicBuildOptions();

  @Override
  public Integer call() throws IOException {
    CollectionSettings requested = requestedSettings();
    boolean exists = Files.isDirectory(out) && CollectionFormat.isCollection(out);
    if (!exists && mode != Mode.CREATE) {
      throw new UsageException("--mode " + name(mode) + " needs a collection in " + out
          + "; make one with --mode create");
    }
    if (!exists) {
      Collection.create(out, requested, null).close();
    }
    try (Collection collection = Collection.open(out);
        CollectionWriter writer = collection.writer("lsr index", writerOptions())) {
      CollectionSettings settings = mode == Mode.CREATE ? requested : writer.settings();
      if (mode != Mode.CREATE) {
        checkEncodersMatch(settings);
      }
      String job = job(settings);
      JsonNode last = writer.lastCommit().userData().path("ingest");
      if (job.equals(last.path("job").asText()) && last.path("done").asBoolean()) {
        report("the collection in %s already holds this input (%s documents); nothing to do", out,
            last.path("documents").asText());
        return 0;
      }
      if (mode == Mode.CREATE && (writer.lastCommit().documents() > 0
          || !writer.lastCommit().settings().sameIndexes(requested))) {
        throw new UsageException(out + " already holds a collection (" + writer.lastCommit().documents()
            + " documents) made from another input or with other settings; choose another --out, delete it, or"
            + " use --mode append or update");
      }
      Path staging = writer.staging(job);
      Map<String, Path> staged = source.collection != null ? encode(settings, staging) : Map.of();
      long start = System.nanoTime();
      CollectionWriter.Added added;
      try (DocumentStream docs = new DocumentStream(settings, staged)) {
        added = writer.addAll(docs, mode == Mode.UPDATE);
      }
      ObjectNode ingest = JSON.createObjectNode();
      ObjectNode record = ingest.putObject("ingest");
      record.put("job", job);
      record.put("done", true);
      record.put("input", input().toAbsolutePath().normalize().toString());
      record.put("documents", added.created() + added.updated());
      long generation = writer.commit(ingest);
      writer.dropStaging(job);
      report("%,d documents written (%,d new, %,d replaced) in %.1f s; %s is at commit %d with %,d documents",
          added.created() + added.updated(), added.created(), added.updated(), (System.nanoTime() - start) / 1e9,
          out, generation, writer.lastCommit().documents());
    }
    return 0;
  }

  private CollectionWriter.Options writerOptions() {
    // Merges are for collections fed in small batches; one input is one segment.
    return CollectionWriter.Options.DEFAULTS.withThreads(Math.max(1, encoder.threads)).withBackgroundMerges(false);
  }

  /** The collection the options describe (used as is when creating one). */
  private CollectionSettings requestedSettings() {
    List<CollectionSettings.SparseSpec> sparse = new ArrayList<>();
    List<CollectionSettings.DenseSpec> dense = new ArrayList<>();
    if (source.vectors != null) {
      if (!encoders.isEmpty() && (encoders.size() > 1 || encoders.get(0) == ModelType.DENSE)) {
        throw new UsageException("--vectors holds sparse vectors of one model: give at most one sparse --encoder");
      }
      ModelSource model = encoder.model == null ? null : ModelSource.resolve(encoder.model);
      String name = !encoders.isEmpty() ? encoders.get(0).id() : model != null ? model.config().type().id() : "sparse";
      sparse.add(new CollectionSettings.SparseSpec(name, model == null ? null : ModelReference.describe(model, encoder.model),
          seismic.toConfig()));
    } else {
      if (encoders.isEmpty() && noBm25) {
        throw new UsageException("nothing to build: give --encoder splade|unicoil|dense, or leave BM25 on");
      }
      if (encoder.model != null && encoders.size() > 1) {
        throw new UsageException("--model names the model of one --encoder; with several, each uses its default model");
      }
      for (ModelType type : encoders) {
        ModelSource model = encoder.modelSource(type);
        ObjectNode reference = ModelReference.describe(model, encoder.model);
        if (type == ModelType.DENSE) {
          dense.add(new CollectionSettings.DenseSpec(type.id(), reference));
        } else {
          sparse.add(new CollectionSettings.SparseSpec(type.id(), reference, seismic.toConfig()));
        }
      }
    }
    try {
      return new CollectionSettings(noBm25 ? null : analyzer, sparse, dense, Map.of());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Appending or updating uses the collection's indexes: named encoders must be among them. */
  private void checkEncodersMatch(CollectionSettings settings) {
    for (ModelType type : encoders) {
      if (settings.sparse(type.id()) == null && settings.dense(type.id()) == null) {
        throw new UsageException("the collection in " + out + " has no " + type.id() + " index; its indexes are "
            + indexNames(settings) + " (append and update encode with the collection's own models)");
      }
    }
  }

  private static List<String> indexNames(CollectionSettings settings) {
    List<String> names = new ArrayList<>();
    settings.sparse().forEach(s -> names.add(s.name()));
    settings.dense().forEach(d -> names.add(d.name()));
    return names;
  }

  /**
   * This job's key: the input (path, size, modification time) and what is built from it, so that a
   * rerun of the same command resumes or finds itself done, and any other is another job.
   */
  private String job(CollectionSettings settings) throws IOException {
    Path input = input();
    Path file = Files.isDirectory(input) ? input.resolve("corpus.jsonl") : input;
    ObjectNode o = JSON.createObjectNode();
    o.put("mode", name(mode));
    o.put("input", input.toAbsolutePath().normalize().toString());
    o.put("bytes", Files.exists(file) ? Files.size(file) : -1);
    o.put("modified", Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1);
    o.set("settings", settings.toJson().without("fields"));
    o.put("topK", encoder.topK);
    o.put("threshold", encoder.threshold);
    o.put("quantize", encoder.quantize);
    o.put("lenient", encoder.lenient);
    return new Sha256().update(o.toString().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
  }

  private Path input() {
    return source.collection != null ? source.collection : source.vectors;
  }

  /** Encodes the collection with each index's model into the staging folder; the files by index name. */
  private Map<String, Path> encode(CollectionSettings settings, Path staging) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    List<Map.Entry<String, JsonNode>> models = new ArrayList<>();
    settings.sparse().forEach(s -> models.add(Map.entry(s.name(), s.encoder())));
    settings.dense().forEach(d -> models.add(Map.entry(d.name(), d.encoder())));
    for (Map.Entry<String, JsonNode> m : models) {
      ModelSource model = ModelReference.resolve(m.getValue(), out + " index " + m.getKey());
      Path file = staging.resolve(m.getKey() + ".jsonl");
      EncodingJob.Outcome o = new EncodingJob(encoder, model, false, VectorJsonlLayout.ANSERINI, System.err)
          .run(source.collection, file);
      report("%s: %,d documents encoded (%,d now in %.1f s, %.1f docs/s)", m.getKey(), o.total(), o.encoded(),
          o.seconds(), o.perSecond());
      files.put(m.getKey(), file);
    }
    return files;
  }

  /**
   * The documents of the input with their vectors: read from the collection and, in lockstep, from
   * each staged encoding; or from the vector file.
   */
  private final class DocumentStream implements Iterator<IndexedDocument>, AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TextInput texts;
    private final VectorJsonlReader vectors;
    private final Map<String, VectorJsonlReader> sparse = new LinkedHashMap<>();
    private final Map<String, DenseVectorReader> dense = new LinkedHashMap<>();
    private final String vectorIndex;
    private final ProgressBar bar;

    DocumentStream(CollectionSettings settings, Map<String, Path> staged) throws IOException {
      ErrorPolicy policy = encoder.lenient ? ErrorPolicy.lenient() : ErrorPolicy.strict();
      try {
        if (source.collection != null) {
          texts = track(TextInput.open(source.collection, false, policy));
          vectors = null;
          vectorIndex = null;
          for (CollectionSettings.SparseSpec s : settings.sparse()) {
            Vocabulary vocabulary = ModelReference.resolve(s.encoder(), out.toString()).vocabulary();
            sparse.put(s.name(), track(VectorJsonlReader.open(staged.get(s.name()), vocabulary, ErrorPolicy.strict())));
          }
          for (CollectionSettings.DenseSpec d : settings.dense()) {
            dense.put(d.name(), track(DenseVectorReader.open(staged.get(d.name()), ErrorPolicy.strict())));
          }
        } else {
          texts = null;
          CollectionSettings.SparseSpec spec = settings.sparse().get(0);
          vectorIndex = spec.name();
          // Queries will be encoded by that model, so its vocabulary is the one the vectors speak.
          Vocabulary vocabulary = spec.encoder().has("model")
              ? ModelReference.resolve(spec.encoder(), out.toString()).vocabulary() : Vocabulary.bertBaseUncased();
          vectors = track(VectorJsonlReader.open(source.vectors, vocabulary, policy));
        }
        long total = encoder.quiet ? -1 : TextInput.countLines(input(), false);
        bar = encoder.quiet ? null : EncodingJob.progressBar("index", total, 0, System.err);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    private <T extends AutoCloseable> T track(T resource) {
      open.add(resource);
      return resource;
    }

    @Override
    public boolean hasNext() {
      return texts != null ? texts.hasNext() : vectors.hasNext();
    }

    @Override
    public IndexedDocument next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (bar != null) {
        bar.step();
      }
      if (texts == null) {
        VectorRecord r = vectors.next();
        return new IndexedDocument(new Document(r.id(), "", r.text()), Map.of(vectorIndex, r.vector()), Map.of());
      }
      TextInput.Text t = texts.next();
      Map<String, SparseVector> s = new LinkedHashMap<>();
      sparse.forEach((name, reader) -> s.put(name, staged(name, reader, t.id()).vector()));
      Map<String, float[]> d = new LinkedHashMap<>();
      dense.forEach((name, reader) -> d.put(name, staged(name, reader, t.id()).vector()));
      return new IndexedDocument(t.document(), s, d);
    }

    private <R> R staged(String index, RecordReader<R> reader, String id) {
      if (!reader.hasNext()) {
        throw new IllegalStateException("the staged " + index + " vectors end before document " + id
            + "; delete " + CollectionFormat.staging(out) + " and run again");
      }
      R r = reader.next();
      String stagedId = r instanceof VectorRecord v ? v.id() : ((DenseVectorRecord) r).id();
      if (!stagedId.equals(id)) {
        throw new IllegalStateException("the staged " + index + " vectors hold '" + stagedId + "' where document '"
            + id + "' comes; delete " + CollectionFormat.staging(out) + " and run again");
      }
      return r;
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static String name(Mode m) {
    return m.name().toLowerCase(Locale.ROOT);
  }

  private void report(String format, Object... args) {
    if (!encoder.quiet) {
      System.err.println("lsr index: " + String.format(format, args));
    }
  }

  /** Picocli converter of {@link Mode}, with a message that lists the choices. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      for (Mode m : Mode.values()) {
        if (name(m).equals(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a mode; choose create, append"
          + " or update");
    }
  }
}
