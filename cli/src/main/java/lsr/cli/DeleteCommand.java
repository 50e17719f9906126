package lsr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lsr.data.InputFiles;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lsr delete}: deletes documents of a collection by id, in one commit. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Deletes the documents whose ids a file lists (one id per line; blank lines skipped) from a"
        + " collection, in one commit: all of them or, if the run fails, none. Ids the collection does not hold"
        + " are counted and reported.")
final class DeleteCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "<folder>", description = "The collection folder.")
  Path index;

  @Option(names = "--ids", required = true, paramLabel = "<file>", description = "The ids to delete, one per line (plain or gzip).")
  Path ids;

  @Option(names = "--quiet", description = "No summary; errors only.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    long deleted = 0;
    long absent = 0;
    try (Collection collection = Collection.open(index);
        CollectionWriter writer = collection.writer("lsr delete", CollectionWriter.Options.DEFAULTS);
        BufferedReader in = InputFiles.reader(ids)) {
      for (String line; (line = in.readLine()) != null; ) {
        String id = line.strip();
        if (id.isEmpty()) {
          continue;
        }
        if (writer.delete(id)) {
          deleted++;
        } else {
          absent++;
        }
      }
      long generation = writer.commit(null);
      if (!quiet) {
        System.err.printf("lsr delete: %,d documents deleted, %,d ids not in the collection; %s is at commit %d with"
            + " %,d documents%n", deleted, absent, index, generation, writer.lastCommit().documents());
      }
    }
    return 0;
  }
}
