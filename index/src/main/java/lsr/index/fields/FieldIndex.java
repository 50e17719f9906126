package lsr.index.fields;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import lsr.data.FieldType;
import lsr.data.FieldValue;
import lsr.index.store.FileKind;
import lsr.index.store.IndexFile;
import org.roaringbitmap.RoaringBitmap;

/**
 * The metadata field index of one segment, loaded whole into the heap ({@link FieldsFormat}):
 * which local docs hold which string, keyword or number. Read-only after {@link #open}, so
 * thread-safe; every answer is a new bitmap.
 */
public final class FieldIndex {

  private final int size;
  /** By field name. */
  private final Map<String, Column> columns;
  private final Map<String, FieldType> types;

  private FieldIndex(int size, Map<String, Column> columns) {
    this.size = size;
    this.columns = columns;
    Map<String, FieldType> types = new TreeMap<>();
    columns.forEach((name, column) -> types.put(name, column.type()));
    this.types = Collections.unmodifiableMap(types);
  }

  /**
   * Reads {@code file} into memory, checking its container as {@code verify} asks and its body
   * whole: every count, length, order and doc number.
   *
   * @throws lsr.index.store.CorruptIndexException naming the file when anything is inconsistent
   */
  public static FieldIndex open(Path file, IndexFile.Verify verify) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      BodyReader in = new BodyReader(file, IndexFile.map(file, arena, FileKind.FIELDS, verify));
      int docs = in.i32("doc count");
      if (docs < 0) {
        throw in.corrupt("negative doc count " + docs);
      }
      // A field takes at least its name length, type and entry count.
      int fieldCount = in.count("field count", 6);
      Map<String, Column> columns = new TreeMap<>();
      String previous = null;
      for (int f = 0; f < fieldCount; f++) {
        String name = in.utf8(in.u8("field name length"), "field name");
        if (!validName(name) || (previous != null && previous.compareTo(name) >= 0)) {
          throw in.corrupt("field " + f + " has an invalid or out-of-order name '" + name + "'");
        }
        int code = in.u8("field type");
        FieldType type = FieldsFormat.type(code);
        if (type == null) {
          throw in.corrupt("field '" + name + "' has unknown type code " + code);
        }
        columns.put(name, type == FieldType.NUMBER
            ? NumberColumn.read(in, name, docs)
            : TermColumn.read(in, name, type, docs));
        previous = name;
      }
      if (in.remaining() != 0) {
        throw in.corrupt(in.remaining() + " bytes left after the last field");
      }
      return new FieldIndex(docs, columns);
    }
  }

  private static boolean validName(String name) {
    try {
      FieldValue.checkName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Documents of the segment. */
  public int size() {
    return size;
  }

  /** The type of every field some document of the segment holds, by name. */
  public Map<String, FieldType> types() {
    return types;
  }

  /**
   * The local docs whose field meets {@code condition}: empty when the segment has no such field.
   *
   * @throws IllegalArgumentException when the condition does not fit the field's type here (a
   *     range on a string field, strings on a number field)
   */
  public RoaringBitmap matching(FieldCondition condition) {
    Column column = columns.get(condition.field());
    if (column == null) {
      return new RoaringBitmap();
    }
    return switch (condition) {
      case FieldCondition.AnyOf c when column instanceof TermColumn terms -> terms.matching(c.values());
      case FieldCondition.Range c when column instanceof NumberColumn numbers -> numbers.matching(c);
      case FieldCondition.AnyOf c -> throw new IllegalArgumentException("field '" + c.field() + "' holds "
          + plural(column.type()) + "; match it with a number or a range, not strings");
      case FieldCondition.Range c -> throw new IllegalArgumentException("field '" + c.field() + "' holds "
          + plural(column.type()) + "; a range needs a number field");
    };
  }

  /** How messages name the values of a field of {@code type}. */
  private static String plural(FieldType type) {
    return switch (type) {
      case STRING -> "strings";
      case NUMBER -> "numbers";
      case KEYWORDS -> "keyword lists";
    };
  }
}
