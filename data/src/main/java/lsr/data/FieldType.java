package lsr.data;

import java.util.Locale;

/** The type of a metadata field, fixed per field within a collection. */
public enum FieldType {
  /** One string, matched exactly. */
  STRING,
  /** One number (a double), matched exactly or by range. */
  NUMBER,
  /** A list of strings; a document matches a value when any of its keywords is that value. */
  KEYWORDS;

  /** The name in JSON and on the command line: {@code string}, {@code number}, {@code keywords}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The inverse of {@link #id()}. */
  public static FieldType parse(String id) {
    for (FieldType t : values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown field type '" + id + "'; choose string, number or keywords");
  }
}
