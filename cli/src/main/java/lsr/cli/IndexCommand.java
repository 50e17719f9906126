package lsr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import lsr.data.ErrorPolicy;
import lsr.data.VectorJsonlLayout;
import lsr.data.VectorJsonlReader;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.index.seismic.SeismicConfig;
import lsr.index.seismic.SeismicFormat;
import lsr.index.seismic.SeismicIndex;
import lsr.index.seismic.SeismicIndexBuilder;
import lsr.query.service.SearchFolder;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code lsr index}: a collection in, an index folder out. Two resumable steps:
 *
 * <ol>
 *   <li>encode the collection into {@code <out>/vectors.jsonl} (see {@link EncodingJob}: a killed
 *       run continues after its last complete line);
 *   <li>build the Seismic index from the vectors into {@code <out>/seismic/}, in a temporary folder
 *       renamed when complete, so a killed build is simply redone from the vectors.
 * </ol>
 *
 * {@code <out>/lsr-index.json} records what was indexed and with which model, so queries can be
 * encoded the same way. Dense encoders stop after the first step: their vectors are searched
 * exactly.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
        "Encodes a collection (MS MARCO collection.tsv or a BEIR folder) and builds a Seismic index of its"
            + " sparse vectors in <out>/seismic/; or, with --vectors, indexes pre-encoded vectors (Anserini or"
            + " Seismic JSON lines).",
        "Resumable: rerun the same command after an interruption and it continues where it stopped.",
        "--encoder dense writes the dense vectors only (<out>/vectors.jsonl), for exact dense search."})
final class IndexCommand implements java.util.concurrent.Callable<Integer> {

  static final String VECTORS = "vectors.jsonl";
  static final String SEISMIC = "seismic";
  static final String DESCRIPTION = "lsr-index.json";


  /** Where the vectors come from: a collection to encode, or a file of vectors. */
  static final class Source {
    @Option(names = "--collection", required = true, paramLabel = "<tsv|BEIR folder>",
        description = "The documents: an id<TAB>text TSV (MS MARCO collection.tsv; plain or gzip) or a BEIR folder.")
    Path collection;

    @Option(names = "--vectors", required = true, paramLabel = "<jsonl>",
        description = "Pre-encoded sparse vectors, Anserini or Seismic JSON lines (plain or gzip), tokens of"
            + " the --model's vocabulary (without --model: bert-base-uncased).")
    Path vectors;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--out", required = true, paramLabel = "<folder>", description = "The index folder.")
  Path out;

  @Mixin
  EncoderOptionsMixin encoder = new EncoderOptionsMixin();

  @Option(names = "--n-postings", paramLabel = "<n|auto>",
      description = "Seismic: average posting-list length kept by static pruning; auto grows it with the "
          + "collection. Default: ${DEFAULT-VALUE}.")
  String nPostings = SeismicConfig.formatNPostings(SeismicConfig.DEFAULT_N_POSTINGS);

  @Option(names = "--max-fraction", paramLabel = "<x>",
      description = "Seismic: a list keeps at most this multiple of n-postings. Default: ${DEFAULT-VALUE}.")
  double maxFraction = SeismicConfig.DEFAULT_MAX_FRACTION;

  @Option(names = "--centroid-fraction", paramLabel = "<x>",
      description = "Seismic: blocks per list as a fraction of its length. Default: ${DEFAULT-VALUE}.")
  double centroidFraction = SeismicConfig.DEFAULT_CENTROID_FRACTION;

  @Option(names = "--summary-energy", paramLabel = "<x>",
      description = "Seismic: share of a block summary's L1 mass kept. Default: ${DEFAULT-VALUE}.")
  double summaryEnergy = SeismicConfig.DEFAULT_SUMMARY_ENERGY;

  @Override
  public Integer call() throws IOException {
    SeismicConfig seismic = seismicConfig();
    Files.createDirectories(out);
    Path vectors;
    Vocabulary vocabulary;
    ObjectNode description = new ObjectMapper().createObjectNode();
    if (source.collection != null) {
      if (encoder.encoder == null) {
        throw new UsageException("--collection needs --encoder splade|unicoil|dense");
      }
      ModelSource model = encoder.modelSource();
      vectors = out.resolve(VECTORS);
      EncodingJob.Outcome o = new EncodingJob(encoder, false, VectorJsonlLayout.ANSERINI, System.err)
          .run(source.collection, vectors);
      report("encoded %,d documents (%,d now in %.1f s, %.1f docs/s)", o.total(), o.encoded(), o.seconds(),
          o.perSecond());
      description.put("collection", source.collection.toAbsolutePath().normalize().toString());
      description.put("encoder", encoder.encoder.id());
      description.put("model", modelReference(model));
      description.put(SearchFolder.MODEL_SHA256, model.fingerprint());
      description.set("model_config", new ObjectMapper().readTree(model.config().toJson()));
      description.put("documents", o.total());
      description.put("vectors", VECTORS);
      if (encoder.encoder == ModelType.DENSE) {
        writeDescription(description);
        report("dense vectors in %s (no Seismic index: dense vectors are searched exactly)", vectors);
        return 0;
      }
      vocabulary = model.vocabulary();
    } else {
      vectors = source.vectors;
      // Queries will be encoded by that model, so its vocabulary is the one the vectors speak.
      vocabulary = encoder.model != null ? ModelSource.resolve(encoder.model).vocabulary() : Vocabulary.bertBaseUncased();
      description.put("vectors", vectors.toAbsolutePath().normalize().toString());
      // Size and time of the file stand for its content: a rerun on unchanged vectors is not rebuilt.
      description.put("vectors_bytes", Files.size(vectors));
      description.put("vectors_modified", Files.getLastModifiedTime(vectors).toString());
      if (encoder.model != null) {
        description.put("model", modelReference(null)); // the model that encoded them, for queries
      }
    }
    description.put("seismic", SEISMIC);
    description.put("seismic_format", SeismicFormat.VERSION); // a newer lsr rebuilds an older index
    description.putPOJO("seismic_config", seismic.toMap());
    if (alreadyBuilt(description)) {
      report("the index in %s is complete and up to date; nothing to do", out);
      return 0;
    }
    int documents = buildSeismic(vectors, vocabulary, seismic);
    description.put("documents", documents);
    writeDescription(description);
    return 0;
  }

  /** How to open the model again for queries: an absolute folder, or the name it was given by. */
  private String modelReference(ModelSource resolved) {
    if (encoder.model == null) {
      return resolved.description();
    }
    Path folder = Path.of(encoder.model);
    return Files.isDirectory(folder) ? folder.toAbsolutePath().normalize().toString() : encoder.model;
  }

  private SeismicConfig seismicConfig() {
    try {
      return SeismicConfig.DEFAULTS.withNPostings(SeismicConfig.parseNPostings(nPostings)).withMaxFraction(maxFraction)
          .withCentroidFraction(centroidFraction).withSummaryEnergy(summaryEnergy);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Builds into a temporary folder and renames it, so {@code seismic/} exists only when complete. */
  private int buildSeismic(Path vectors, Vocabulary vocabulary, SeismicConfig config) throws IOException {
    Path target = out.resolve(SEISMIC);
    Path building = out.resolve(SEISMIC + ".building");
    deleteTree(building);
    ErrorPolicy policy = encoder.lenient ? ErrorPolicy.lenient() : ErrorPolicy.strict();
    long total = encoder.quiet ? -1 : TextInput.countLines(vectors, false);
    long start = System.nanoTime();
    int documents;
    try (SeismicIndexBuilder builder = new SeismicIndexBuilder(building, config, encoder.threads);
        VectorJsonlReader reader = VectorJsonlReader.open(vectors, vocabulary, policy);
        ProgressBar bar = encoder.quiet ? null : EncodingJob.progressBar("index", total, 0, System.err)) {
      for (VectorRecord r : reader) {
        builder.add(r.id(), r.vector());
        if (bar != null) {
          bar.step();
        }
      }
      documents = builder.size();
      try (SeismicIndex index = builder.build()) {
        if (index.size() != documents) {
          throw new IllegalStateException("the index holds " + index.size() + " documents, " + documents + " were added");
        }
      }
    }
    deleteTree(target);
    Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
    report("Seismic index of %,d documents in %s (%.1f s)", documents, target, (System.nanoTime() - start) / 1e9);
    if (!policy.isStrict() && policy.skipped() > 0) {
      report("%s", policy.summary());
    }
    return documents;
  }

  /**
   * Whether a finished index describes exactly what would be built now (a rerun after success): then
   * the build is not repeated. From pre-encoded vectors the document count is only known after a
   * build, so it is left out of the comparison there.
   */
  private boolean alreadyBuilt(ObjectNode description) throws IOException {
    Path file = out.resolve(DESCRIPTION);
    if (!Files.isDirectory(out.resolve(SEISMIC)) || !Files.exists(file)) {
      return false;
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode recorded = (ObjectNode) json.readTree(file.toFile());
    if (!description.has("documents")) {
      recorded.remove("documents");
    }
    return recorded.equals(json.readTree(description.toString()));
  }

  private void writeDescription(ObjectNode description) throws IOException {
    Path tmp = out.resolve(DESCRIPTION + ".tmp");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), description);
    Files.move(tmp, out.resolve(DESCRIPTION), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void report(String format, Object... args) {
    if (!encoder.quiet) {
      System.err.println("lsr index: " + String.format(format, args));
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
