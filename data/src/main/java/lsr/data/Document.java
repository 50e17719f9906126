package lsr.data;

import java.util.Objects;

/**
 * A text document of a collection.
 *
 * @param id the external id as the collection spells it; never empty
 * @param title the title; empty when the collection has none (MS MARCO passages)
 * @param text the body text
 */
public record Document(String id, String title, String text) {

  public Document {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title (use \"\" when there is none)");
    Objects.requireNonNull(text, "text");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("document id must not be empty");
    }
  }
}
