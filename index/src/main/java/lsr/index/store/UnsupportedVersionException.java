package lsr.index.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A sound file in a format version this lsr does not read: written by an older or a newer lsr. The
 * message says which version was found and what to do ({@link FileKind#versionProblem}).
 */
public final class UnsupportedVersionException extends IOException {

  private static final long serialVersionUID = 1L;

  public UnsupportedVersionException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
