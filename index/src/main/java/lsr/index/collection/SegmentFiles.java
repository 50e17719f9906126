package lsr.index.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import lsr.index.store.IndexFile;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

/** Lists and describes the files of a finished segment for its commit entry. */
final class SegmentFiles {

  /** Lucene's own lock file of a closed writer: empty, not part of the index. */
  private static final String LUCENE_LOCK = "write.lock";

  private SegmentFiles() {}

  /**
   * Every file under {@code segment} (deletion sets aside) with its kind, version, length and
   * checksum, paths relative to {@code root}, sorted.
   */
  static List<FileEntry> describe(Path root, Path segment) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    try (Stream<Path> all = Files.walk(segment)) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (name.equals(LUCENE_LOCK) || name.startsWith("deletes-")) {
          continue;
        }
        if (name.endsWith(".lsr")) {
          IndexFile.Description d = IndexFile.describe(file);
          entries.add(new FileEntry(relative, d.kind(), d.version(), d.bytes(), hex(d.checksum())));
        } else {
          entries.add(new FileEntry(relative, FileEntry.LUCENE, 0, Files.size(file), luceneChecksum(file)));
        }
      }
    }
    return entries;
  }

  static String hex(int checksum) {
    return HexFormat.of().toHexDigits(checksum);
  }

  private static String luceneChecksum(Path file) throws IOException {
    try (Directory dir = FSDirectory.open(file.getParent());
        IndexInput in = dir.openInput(file.getFileName().toString(), IOContext.READONCE)) {
      return Long.toHexString(CodecUtil.retrieveChecksum(in));
    }
  }
}
