package lsr.index.collection;

import java.util.Map;
import java.util.Objects;
import lsr.data.Document;
import lsr.data.SparseVector;

/**
 * A document ready for a segment: its stored parts and one encoded vector per sparse and dense index
 * of the collection.
 *
 * @param document id, title, text and metadata fields
 * @param sparse the vector of each sparse index, by index name
 * @param dense the vector of each dense index, by index name
 */
public record IndexedDocument(Document document, Map<String, SparseVector> sparse, Map<String, float[]> dense) {

  public IndexedDocument {
    Objects.requireNonNull(document, "document");
    sparse = Map.copyOf(sparse);
    dense = Map.copyOf(dense);
  }

  public String id() {
    return document.id();
  }
}
