package lsr.query.pipeline;

import java.util.Set;

/**
 * Restricts results to a set of documents, named by their external ids. Every stage applies it
 * during retrieval (not after), so a filter never shortens the result list while allowed documents
 * remain.
 */
public record DocFilter(Set<String> allowedIds) {

  public DocFilter {
    allowedIds = Set.copyOf(allowedIds);
  }

  public boolean allows(String id) {
    return allowedIds.contains(id);
  }
}
