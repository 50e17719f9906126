package lsr.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lsr.data.Document;
import lsr.data.JavadocCorpus;
import lsr.index.Hits;
import lsr.index.bm25.Bm25Index;
import lsr.index.bm25.Bm25IndexBuilder;
import lsr.index.bm25.Bm25Params;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lsr demo}: search the Javadoc of the running JDK with BM25. The index is built once into a
 * cache folder and reused.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Indexes the default corpus, the Javadoc comments of the running JDK (its lib/src.zip, "
        + "about 60,000 documented public classes and members), with BM25 into a cache folder (built on first "
        + "use, then reused), and answers queries: those given with --query, else one per line from "
        + "standard input, with a prompt when it is a terminal.%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed (no JDK sources, I/O error)", "2:usage error"})
final class DemoCommand implements Callable<Integer> {

  /** Results shown per query unless told otherwise. */
  static final int DEFAULT_K = 10;
  private static final int SNIPPET_CHARS = 200;

  @Spec CommandSpec spec;

  @Option(names = "--query", paramLabel = "<text>", description = "A query to answer; repeat for several.")
  List<String> queries = new ArrayList<>();

  @Option(names = "--k", paramLabel = "<n>", description = "Results per query (default: ${DEFAULT-VALUE}).")
  int k = DEFAULT_K;

  @Option(names = "--cache", paramLabel = "<folder>",
      description = "Where indexes are kept (default: ${DEFAULT-VALUE}).")
  Path cache = defaultCache();

  @Option(names = "--sources", paramLabel = "<src.zip>",
      description = "JDK source archive to index (default: ${DEFAULT-VALUE}).")
  Path sources = JavadocCorpus.runningJdkSources();

  @Option(names = "--rebuild", description = "Build the index again even when the cache holds one.")
  boolean rebuild;

  @Mixin Bm25Options bm25;

  static Path defaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lsr");
  }

  @Override
  public Integer call() throws IOException {
    if (k < 1) {
      throw new ParameterException(spec.commandLine(), "--k must be >= 1");
    }
    Bm25Params params = bm25.params(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = indexFolder();
    if (rebuild || !Files.isDirectory(folder)) {
      build(folder, err);
    }
    try (Bm25Index index = Bm25Index.open(folder, params)) {
      err.printf("lsr demo: %,d documents from %s, index in %s%n", index.size(), sources, folder);
      err.flush();
      if (!queries.isEmpty()) {
        for (String q : queries) {
          answer(index, q, out);
        }
        return 0;
      }
      java.io.Console console = System.console();
      boolean terminal = console != null && console.isTerminal();
      if (terminal) {
        out.println("Type a query and press Enter; an empty line or Ctrl-D ends.");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (true) {
        if (terminal) {
          out.print("search> ");
          out.flush();
        }
        String line = in.readLine();
        if (line == null || (terminal && line.isBlank())) {
          return 0;
        }
        if (!line.isBlank()) {
          answer(index, line.strip(), out);
        }
      }
    }
  }

  /** One folder per corpus version and analyzer, so a new JDK or analyzer gets its own index. */
  private Path indexFolder() throws IOException {
    if (!Files.isRegularFile(sources)) {
      // Let the corpus explain what is missing.
      JavadocCorpus.open(sources).close();
    }
    String version = Long.toHexString(Files.size(sources) ^ Files.getLastModifiedTime(sources).toMillis());
    return cache.resolve("demo-bm25-" + bm25.analyzer.id() + "-jdk" + Runtime.version().feature() + "-" + version);
  }

  private void build(Path folder, PrintWriter err) throws IOException {
    // Built beside the target and moved in place at the end, so an interrupted build is never reused.
    Path partial = folder.resolveSibling(folder.getFileName() + ".partial-" + ProcessHandle.current().pid());
    err.printf("lsr demo: indexing the Javadoc of %s (once; later runs reuse %s)%n", sources, folder);
    err.flush();
    try (JavadocCorpus corpus = JavadocCorpus.open(sources);
        ProgressBar bar = new ProgressBarBuilder().setTaskName("index").setInitialMax(-1)
            .setUnit(" docs", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).build()) {
      Bm25IndexBuilder.build(partial, counting(corpus, bar), bm25.analyzer);
    } catch (IOException | RuntimeException e) {
      Folders.deleteTree(partial);
      throw e;
    }
    if (Files.isDirectory(folder)) {
      Folders.deleteTree(folder);
    }
    try {
      Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      // Another process finished the same index first: use theirs.
      Folders.deleteTree(partial);
    }
  }

  private static Iterator<Document> counting(Iterator<Document> docs, ProgressBar bar) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return docs.hasNext();
      }

      @Override
      public Document next() {
        bar.step();
        return docs.next();
      }
    };
  }

  private void answer(Bm25Index index, String query, PrintWriter out) {
    long start = System.nanoTime();
    Hits hits = index.search(query, k);
    double ms = (System.nanoTime() - start) / 1e6;
    out.printf(Locale.ROOT, "%n%s  (%d results, %.1f ms)%n", query, hits.size(), ms);
    for (int i = 0; i < hits.size(); i++) {
      Document d = index.document(hits.doc(i));
      out.printf(Locale.ROOT, "%3d. %7.3f  %s%n       %s%n", i + 1, hits.score(i), d.title(), snippet(d.text()));
    }
    out.flush();
  }

  static String snippet(String text) {
    if (text.length() <= SNIPPET_CHARS) {
      return text;
    }
    int cut = text.lastIndexOf(' ', SNIPPET_CHARS);
    return text.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + " ...";
  }

}
