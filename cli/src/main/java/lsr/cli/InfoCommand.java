package lsr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lsr.index.collection.Collection;
import lsr.index.collection.CollectionCheck;
import lsr.index.collection.CommitPoint;
import lsr.index.collection.FileEntry;
import lsr.index.collection.SegmentInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lsr info}: what a collection holds, and with {@code --check} whether every file is sound. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Describes a collection: its commit, documents, segments (documents, deleted, size), indexes and"
        + " every file with its kind, format version and checksum. --check reads every file whole and verifies"
        + " its checksum against the commit (exit 1 naming each damaged, missing or extra file).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:described (and sound with --check)", "1:not a collection, or damaged", "2:usage error"})
final class InfoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "<folder>", description = "The collection folder.")
  Path index;

  @Option(names = "--check", description = "Verify every file's checksum (reads the whole collection).")
  boolean check;

  @Option(names = "--json", description = "Print the description as JSON.")
  boolean json;

  @Option(names = "--files", description = "List every file with its kind, version, length and checksum.")
  boolean files;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    CommitPoint commit;
    try (Collection collection = Collection.open(index)) {
      commit = collection.commit();
    } catch (IOException e) {
      if (!check) {
        throw e;
      }
      // Too damaged to open: the check still names what is wrong, file by file.
      List<String> problems = CollectionCheck.problems(index);
      problems.forEach(p -> out.println("  " + p));
      out.flush();
      System.err.println("lsr info: " + e.getMessage());
      return Lsr.FAILURE;
    }
    List<String> problems = check ? CollectionCheck.problems(index) : List.of();
    if (json) {
      ObjectNode o = commit.describe(true);
      if (check) {
        ArrayNode p = o.putArray("problems");
        problems.forEach(p::add);
      }
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o));
    } else {
      print(commit, out);
      if (check) {
        out.println(problems.isEmpty() ? "check: every file is sound" : "check: " + problems.size() + " problems");
        problems.forEach(p -> out.println("  " + p));
      }
    }
    out.flush();
    if (!problems.isEmpty()) {
      System.err.println("lsr info: " + index + " is damaged: " + problems.get(0)
          + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
          + "; restore it from a copy or rebuild it with lsr index");
      return Lsr.FAILURE;
    }
    return 0;
  }

  private void print(CommitPoint c, PrintWriter out) {
    out.printf(Locale.ROOT, "collection %s: commit %d, %,d documents, %d segments, %,d bytes%n", index,
        c.generation(), c.documents(), c.segments().size(), c.bytes());
    var settings = c.settings();
    out.printf(Locale.ROOT, "  bm25: %s%n", settings.bm25() == null ? "none" : settings.bm25().id());
    settings.sparse().forEach(s -> out.printf(Locale.ROOT, "  sparse %s: %s, seismic %s%n", s.name(),
        s.encoder().path("model").asText("(no query model)"), s.seismic().toMap()));
    settings.dense().forEach(d -> out.printf(Locale.ROOT, "  dense %s: %s%n", d.name(), d.encoder().path("model").asText()));
    if (!settings.fields().isEmpty()) {
      out.printf(Locale.ROOT, "  fields: %s%n", settings.fields());
    }
    for (SegmentInfo s : c.segments()) {
      out.printf(Locale.ROOT, "  %s: %,d documents, %,d deleted, %,d bytes%n", s.name(), s.documents(), s.deleted(),
          s.bytes());
      if (files) {
        for (FileEntry f : s.files()) {
          out.printf(Locale.ROOT, "    %-40s %-6s v%d %,14d bytes  %s%n", f.path(), f.kind(), f.version(), f.bytes(),
              f.checksum());
        }
      }
    }
  }
}
