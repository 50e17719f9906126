package lsr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsr merge}: merges a collection's segments on demand. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = "Merges adjacent segments of a collection until at most --max-segments remain, dropping deleted"
        + " documents from what it rewrites (with 1, the whole collection is rewritten as one segment, equal to a"
        + " fresh build of its documents). Searches of other processes go on meanwhile.")
final class MergeCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "<folder>", description = "The collection folder.")
  Path index;

  @Option(names = "--max-segments", paramLabel = "<n>", description = "Segments left at most (default: ${DEFAULT-VALUE}).")
  int maxSegments = 1;

  @Option(names = "--threads", paramLabel = "<n>", description = "Threads building Seismic indexes (default: the number of processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "No summary; errors only.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (maxSegments < 1 || threads < 1) {
      throw new UsageException("--max-segments and --threads must be >= 1");
    }
    long start = System.nanoTime();
    try (Collection collection = Collection.open(index);
        CollectionWriter writer = collection.writer("lsr merge",
            CollectionWriter.Options.DEFAULTS.withThreads(threads).withBackgroundMerges(false))) {
      int before = writer.lastCommit().segments().size();
      writer.forceMerge(maxSegments);
      if (!quiet) {
        System.err.printf("lsr merge: %d segments -> %d in %.1f s; %s is at commit %d with %,d documents%n", before,
            writer.lastCommit().segments().size(), (System.nanoTime() - start) / 1e9, index,
            writer.lastCommit().generation(), writer.lastCommit().documents());
      }
    }
    return 0;
  }
}
