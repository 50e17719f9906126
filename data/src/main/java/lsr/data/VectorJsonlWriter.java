package lsr.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Writes learned-sparse vectors as JSON lines in a {@link VectorJsonlLayout}, plain or gzip (when the
 * file name ends in {@code .gz}), one record at a time. Term ids are written as vocabulary tokens;
 * a weight that is a whole number is written as an integer (an impact), any other as the shortest
 * decimal that reads back to the same float, so {@link VectorJsonlReader} returns exactly what was
 * written. The text field is always present, empty when the record has no text.
 */
public final class VectorJsonlWriter implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|[1-9][0-9]{0,17}");
  /** Every integer of magnitude up to 2^24 is exact in a float. */
  private static final float EXACT_INTEGER_LIMIT = 1 << 24;

  private final JsonGenerator json;
  private final VectorJsonlLayout layout;
  private final Vocabulary vocabulary;
  private long written;

  private VectorJsonlWriter(Writer out, VectorJsonlLayout layout, Vocabulary vocabulary)
      throws IOException {
    this.json = JSON.createGenerator(out);
    this.json.setRootValueSeparator(null);
    this.layout = layout;
    this.vocabulary = vocabulary;
  }

  /** Creates or replaces {@code file}. */
  public static VectorJsonlWriter create(Path file, VectorJsonlLayout layout, Vocabulary vocabulary)
      throws IOException {
    return new VectorJsonlWriter(InputFiles.writer(file), layout, vocabulary);
  }

  /** Writes to {@code out}, which the writer closes. */
  public static VectorJsonlWriter to(Writer out, VectorJsonlLayout layout, Vocabulary vocabulary)
      throws IOException {
    return new VectorJsonlWriter(out, layout, vocabulary);
  }

  /**
   * Appends one line.
   *
   * @throws IllegalArgumentException when a term id is outside the vocabulary
   */
  public void write(VectorRecord record) throws IOException {
    json.writeStartObject();
    String id = record.id();
    if (layout == VectorJsonlLayout.SEISMIC && CANONICAL_INTEGER.matcher(id).matches()) {
      json.writeNumberField("id", Long.parseLong(id));
    } else {
      json.writeStringField("id", id);
    }
    json.writeStringField(layout.textField(), record.text());
    json.writeObjectFieldStart("vector");
    SparseVector v = record.vector();
    for (int i = 0; i < v.size(); i++) {
      int termId = v.termId(i);
      if (termId >= vocabulary.size()) {
        throw new IllegalArgumentException("record " + id + ": term id " + termId
            + " is outside the vocabulary of " + vocabulary.size() + " tokens");
      }
      json.writeFieldName(vocabulary.token(termId));
      float w = v.weight(i);
      if (w == Math.rint(w) && w <= EXACT_INTEGER_LIMIT) {
        json.writeNumber((int) w);
      } else {
        json.writeNumber(w);
      }
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeRaw('\n');
    written++;
  }

  /** Records written so far. */
  public long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    json.close();
  }
}
