package lsr.index.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import lsr.index.Workers;

/**
 * Forces written files to disk. Files are written without forcing each ({@link IndexFileWriter},
 * Lucene through a directory that does not sync); whoever makes them part of a commit forces them
 * all at once here, from several threads, so the file system can write its journal for many in one
 * go: one segment of a dozen files costs about one forced write, not a dozen in turn.
 */
public final class Durability {

  /** Forces at once; more would only queue in the file system. */
  private static final int THREADS = 8;
  /** Daemon threads shared by every commit of the process (a commit forces a dozen files). */
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "lsr-force");
    t.setDaemon(true);
    return t;
  });

  private Durability() {}

  /** Forces every file under {@code folder}, then every folder under it (their entries), then it. */
  public static void forceTree(Path folder) throws IOException {
    List<Path> files;
    List<Path> folders;
    try (Stream<Path> all = Files.walk(folder)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    try (Stream<Path> all = Files.walk(folder)) {
      folders = all.filter(Files::isDirectory).toList();
    }
    forceAll(files);
    forceAll(folders);
  }

  /** Forces {@code paths} (files or folders), several at a time. */
  public static void forceAll(List<Path> paths) throws IOException {
    if (paths.size() == 1) {
      force(paths.get(0));
      return;
    }
    int threads = Math.min(THREADS, paths.size());
    try {
      Workers.run(POOL, threads, w -> {
        for (int i = w; i < paths.size(); i += threads) {
          try {
            force(paths.get(i));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Forces one file, or a folder's entries (created, renamed, deleted names), to disk. */
  public static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
