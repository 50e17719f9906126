package lsr.data;

import java.util.Objects;

/**
 * A text query (a topic).
 *
 * @param id the external id as the topic file spells it; never empty
 * @param text the query text
 */
public record Query(String id, String text) {

  public Query {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("query id must not be empty");
    }
  }
}
