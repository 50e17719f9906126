package lsr.data;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream of records read one at a time from a file, in constant memory. Iterate it (or take
 * {@link #stream()}) and close it when done, best with try-with-resources:
 *
 * <pre>{@code
 * try (RecordReader<VectorRecord> docs = VectorJsonlReader.open(path, vocab, ErrorPolicy.strict())) {
 *   for (VectorRecord doc : docs) { ... }
 * }
 * }</pre>
 *
 * <p>Bad lines go to the reader's {@link ErrorPolicy}. I/O failures surface as {@link
 * java.io.UncheckedIOException} from {@code hasNext()} / {@code next()}.
 *
 * @param <T> the record type
 */
public interface RecordReader<T> extends Iterator<T>, Iterable<T>, AutoCloseable {

  /** Closes the underlying file. */
  @Override
  void close();

  /** This reader itself: a reader is iterated once. */
  @Override
  default Iterator<T> iterator() {
    return this;
  }

  /** The remaining records as a sequential stream that closes this reader when it is closed. */
  default Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }
}
