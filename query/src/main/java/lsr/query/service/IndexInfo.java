package lsr.query.service;

import java.util.Map;

/**
 * What one index behind the service holds.
 *
 * @param name the stage name that searches it ({@code bm25}, {@code splade}, {@code dense}, ...)
 * @param kind what sort of index it is ({@code lucene-bm25}, {@code seismic}, {@code dense-flat}, ...)
 * @param documents number of documents
 * @param details anything else worth showing (model, parameters, bytes)
 */
public record IndexInfo(String name, String kind, long documents, Map<String, Object> details) {}
