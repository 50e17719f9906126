package lsr.index.collection;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/**
 * Reads every byte of every file the latest commit names and checks it against the commit: kind,
 * version, length and checksum. Also lists files in the collection's segments that no commit names.
 * For {@code lsr info --check}: opening a collection checks structure only, in constant time.
 */
public final class CollectionCheck {

  private CollectionCheck() {}

  /**
   * The problems of the collection in {@code folder}, one line each naming the file; empty when
   * every file is sound.
   */
  public static List<String> problems(Path folder) throws IOException {
    long generation = CommitPoint.latestGeneration(folder);
    if (generation == 0) {
      return List.of(folder + ": no commit point; not a collection");
    }
    List<String> problems = new ArrayList<>();
    CommitPoint commit;
    try {
      commit = CommitPoint.read(folder, generation);
    } catch (IOException e) {
      return List.of(e.getMessage());
    }
    Set<String> named = new HashSet<>();
    for (SegmentInfo s : commit.segments()) {
      List<FileEntry> files = new ArrayList<>(s.files());
      if (s.deletes() != null) {
        files.add(s.deletes());
      }
      for (FileEntry f : files) {
        named.add(f.path());
        String problem = check(folder.resolve(f.path()), f);
        if (problem != null) {
          problems.add(problem);
        }
      }
      Path segment = folder.resolve(s.name());
      if (Files.isDirectory(segment)) {
        try (Stream<Path> all = Files.walk(segment)) {
          for (Path p : all.filter(Files::isRegularFile).toList()) {
            String relative = folder.relativize(p).toString().replace('\\', '/');
            if (!named.contains(relative) && !p.getFileName().toString().equals("write.lock")) {
              problems.add(p + ": a file no commit names");
            }
          }
        }
      }
    }
    return problems;
  }

  /** The problem of one file as a line naming it, or null. */
  private static String check(Path file, FileEntry f) {
    String problem;
    try {
      problem = problemOf(file, f);
    } catch (IOException | RuntimeException e) {
      return e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage();
    }
    return problem == null ? null : file + ": " + problem;
  }

  private static String problemOf(Path file, FileEntry f) throws IOException {
    if (!Files.isRegularFile(file)) {
      return "missing";
    }
    if (Files.size(file) != f.bytes()) {
      return Files.size(file) + " bytes where the commit records " + f.bytes();
    }
    if (f.kind().equals(FileEntry.LUCENE)) {
      return checkLucene(file, f.checksum());
    }
    FileKind kind = FileKind.ofCode(f.kind());
    if (kind == null) {
      return "of unknown kind " + f.kind();
    }
    try (Arena arena = Arena.ofConfined()) {
      IndexFile.map(file, arena, kind, IndexFile.Verify.CHECKSUM);
    }
    String stored = SegmentFiles.hex(IndexFile.describe(file).checksum());
    return stored.equals(f.checksum()) ? null : "checksum " + stored + " where the commit records " + f.checksum();
  }

  private static String checkLucene(Path file, String expected) throws IOException {
    try (Directory dir = FSDirectory.open(file.getParent());
        IndexInput in = dir.openInput(file.getFileName().toString(), IOContext.READONCE)) {
      String actual = Long.toHexString(CodecUtil.checksumEntireFile(in));
      return actual.equals(expected) ? null : "checksum " + actual + " where the commit records " + expected;
    }
  }
}
