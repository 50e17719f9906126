package lsr.index.store;

import java.util.Collection;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;

/**
 * A Lucene directory whose commits do not force files to disk: Lucene's files inside a collection
 * segment are forced with the segment's other files ({@link Durability#forceTree}), all at once,
 * before the collection's commit point names them. A Lucene commit alone is not what makes them
 * durable there.
 */
public final class UnsyncedDirectory extends FilterDirectory {

  public UnsyncedDirectory(Directory in) {
    super(in);
  }

  @Override
  public void sync(Collection<String> names) {
    // forced with the segment
  }

  @Override
  public void syncMetaData() {
    // forced with the segment
  }
}
