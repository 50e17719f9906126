package lsr.data;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A text document of a collection.
 *
 * @param id the external id as the collection spells it; never empty
 * @param title the title; empty when the collection has none (MS MARCO passages)
 * @param text the body text
 * @param fields metadata by name (sorted), each a string, a number or a keyword list; empty when none
 */
public record Document(String id, String title, String text, Map<String, FieldValue> fields) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title (use \"\" when there is none)");
    Objects.requireNonNull(text, "text");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("document id must not be empty");
    }
    fields.keySet().forEach(FieldValue::checkName);
    fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** A document without metadata. */
  public Document(String id, String title, String text) {
    this(id, title, text, Map.of());
  }
}
