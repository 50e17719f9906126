package lsr.index.store;

import java.io.IOException;
import java.nio.file.Path;

/** An index file that cannot be trusted: wrong kind, unknown version, truncated or corrupt. */
public final class CorruptIndexException extends IOException {

  private static final long serialVersionUID = 1L;

  public CorruptIndexException(Path file, String problem) {
    super(file + ": " + problem + "; rebuild the index (lsr index) or restore the file from a copy");
  }
}
