package lsr.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps external string ids (document or query ids as collections spell them) to dense ints
 * 0, 1, 2, ... in order of first appearance, and back. Not thread-safe while growing.
 */
public final class IdMap {

  private final Map<String, Integer> dense = new HashMap<>();
  private final List<String> external = new ArrayList<>();

  /** The dense id of {@code id}, assigning the next one on first sight. */
  public int add(String id) {
    Integer existing = dense.get(id);
    if (existing != null) {
      return existing;
    }
    int next = external.size();
    dense.put(id, next);
    external.add(id);
    return next;
  }

  /** The dense id of {@code id}, or -1 when it was never added. */
  public int get(String id) {
    Integer d = dense.get(id);
    return d == null ? -1 : d;
  }

  /** The external id of dense id {@code denseId}. */
  public String external(int denseId) {
    return external.get(denseId);
  }

  public int size() {
    return external.size();
  }
}
