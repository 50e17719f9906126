package lsr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import lsr.data.SparseVector;
import lsr.data.VectorJsonlLayout;
import lsr.data.VectorJsonlWriter;
import lsr.data.VectorRecord;
import lsr.data.Vocabulary;
import lsr.index.synth.SyntheticCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsr gen-sparse}: a synthetic learned-sparse collection with topical structure. */
@Command(
    name = "gen-sparse",
    mixinStandardHelpOptions = true,
    description = "Writes a synthetic collection of learned-sparse vectors over the bert-base-uncased "
        + "WordPiece vocabulary: documents (100-250 nonzeros) drawn from mixtures of Zipfian topics "
        + "and a background, and queries (20-60 nonzeros) drawn from the same topics. Seeded: the "
        + "same options give the same files. Writes <out>/documents.jsonl and <out>/queries.jsonl "
        + "(.gz with --gzip).%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:failed (I/O error)", "2:usage error"})
final class GenSparseCommand implements Callable<Integer> {

  private static final int CHUNK = 2048;

  @Spec CommandSpec spec;

  @Option(names = "--docs", required = true, paramLabel = "<n>", description = "Number of documents (10k to 8.8M is the intended range).")
  int docs;

  @Option(names = "--queries", paramLabel = "<n>", description = "Number of queries (default: ${DEFAULT-VALUE}).")
  int queries = 1000;

  @Option(names = "--topics", paramLabel = "<n>",
      description = "Number of topics (default: one per " + SyntheticCollection.Spec.DEFAULT_DOCS_PER_TOPIC + " documents, at least 10).")
  Integer topics;

  @Option(names = "--seed", paramLabel = "<n>", description = "Seed of the whole collection (default: ${DEFAULT-VALUE}).")
  long seed = SyntheticCollection.Spec.DEFAULT_SEED;

  @Option(names = "--out", required = true, paramLabel = "<folder>", description = "Folder for documents.jsonl and queries.jsonl.")
  Path out;

  @Option(names = "--layout", paramLabel = "<layout>", description = "JSONL layout: seismic or anserini (default: ${DEFAULT-VALUE}).")
  String layout = "seismic";

  @Option(names = "--gzip", description = "Compress the files (.jsonl.gz).")
  boolean gzip;

  @Option(names = "--threads", paramLabel = "<n>", description = "Generating threads (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (docs < 1 || queries < 0 || threads < 1) {
      throw new UsageException("--docs must be >= 1, --queries >= 0 and --threads >= 1");
    }
    VectorJsonlLayout jsonLayout = switch (layout.toLowerCase(Locale.ROOT)) {
      case "seismic" -> VectorJsonlLayout.SEISMIC;
      case "anserini" -> VectorJsonlLayout.ANSERINI;
      default -> throw new UsageException("--layout must be seismic or anserini, got " + layout);
    };
    SyntheticCollection synth;
    try {
      synth = new SyntheticCollection(new SyntheticCollection.Spec(docs, queries, topics != null ? topics : SyntheticCollection.defaultTopics(docs), Vocabulary.bertBaseUncased().size(), seed));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Files.createDirectories(out);
    String suffix = gzip ? ".jsonl.gz" : ".jsonl";
    long start = System.nanoTime();
    Path docFile = out.resolve("documents" + suffix);
    Path queryFile = out.resolve("queries" + suffix);
    ThreadLocal<SyntheticCollection.Sampler> samplers = ThreadLocal.withInitial(synth::newSampler);
    write(docFile, jsonLayout, docs, i -> samplers.get().document(i));
    write(queryFile, jsonLayout, queries, i -> samplers.get().query(i));
    if (!quiet) {
      spec.commandLine().getErr().printf(Locale.ROOT, "wrote %,d documents to %s and %,d queries to %s in %.1f s%n",
          docs, docFile, queries, queryFile, (System.nanoTime() - start) / 1e9);
      spec.commandLine().getErr().flush();
    }
    return 0;
  }

  /** Generates vectors in chunks on the pool, writing them in order as they complete. */
  private void write(Path file, VectorJsonlLayout jsonLayout, int count, IntFunction<SparseVector> vector) throws IOException {
    Vocabulary vocabulary = Vocabulary.bertBaseUncased();
    try (VectorJsonlWriter writer = VectorJsonlWriter.create(file, jsonLayout, vocabulary);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      ArrayDeque<Future<SparseVector[]>> pending = new ArrayDeque<>();
      int next = 0;
      int written = 0;
      while (written < count) {
        while (next < count && pending.size() < 2 * threads) {
          int from = next;
          int to = Math.min(count, from + CHUNK);
          pending.add(pool.submit(() -> {
            SparseVector[] chunk = new SparseVector[to - from];
            for (int i = from; i < to; i++) {
              chunk[i - from] = vector.apply(i);
            }
            return chunk;
          }));
          next = to;
        }
        SparseVector[] chunk = pending.poll().get();
        for (SparseVector v : chunk) {
          writer.write(new VectorRecord(Integer.toString(written++), v));
        }
        if (!quiet && written % (CHUNK * 64) == 0) {
          spec.commandLine().getErr().printf(Locale.ROOT, "%s: %,d of %,d%n", file.getFileName(), written, count);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
