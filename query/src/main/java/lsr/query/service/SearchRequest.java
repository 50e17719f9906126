package lsr.query.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import lsr.index.fields.FieldFilter;
import java.util.Map;

/**
 * A search as a client asks for it; every field but {@code query} may be null for its default.
 *
 * @param query the query text
 * @param k how many hits, 1 to {@link SearchService#MAX_K}
 * @param pipeline the pipeline name
 * @param fusion the fusion method name ({@code rrf}, {@code minmax}, {@code zscore})
 * @param weights stage weights of the fusion
 * @param queryCut the sparse index's query cut
 * @param heapFactor the sparse index's heap factor
 * @param filter the external ids of the documents allowed
 * @param where conditions on metadata fields the documents must meet (see {@link FieldFilter#parse})
 * @param explain whether to list each hit's matching terms with their weights
 */
public record SearchRequest(
    String query,
    Integer k,
    String pipeline,
    String fusion,
    Map<String, Double> weights,
    Integer queryCut,
    Double heapFactor,
    List<String> filter,
    JsonNode where,
    Boolean explain) {

  public static SearchRequest of(String query) {
    return new SearchRequest(query, null, null, null, null, null, null, null, null, null);
  }
}
