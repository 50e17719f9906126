package lsr.index.collection;

import java.io.IOException;
import java.nio.file.Path;

/** A second writer asked for a collection another writer holds. */
public final class CollectionLockedException extends IOException {

  private static final long serialVersionUID = 1L;

  CollectionLockedException(Path folder, String holder) {
    super(folder + " is being written by " + holder + "; one writer at a time: wait for it to finish, or stop it");
  }
}
