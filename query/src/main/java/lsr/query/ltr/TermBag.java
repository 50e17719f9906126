package lsr.query.ltr;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsr.data.IdMap;

/**
 * The analyzed terms of one text with their counts. Compact: term numbers of a shared
 * {@link Dictionary}, sorted, with their counts, so a whole collection's bags fit in little memory.
 * Immutable once built.
 */
public final class TermBag {

  /** Numbers terms; one per collection, shared by its bags. Thread-safe. */
  public static final class Dictionary {
    private final IdMap numbers = new IdMap();

    synchronized int numberOf(String term) {
      return numbers.add(term);
    }

    /** The number of {@code term}, or -1 when no bag has it. */
    synchronized int find(String term) {
      return numbers.get(term);
    }

    synchronized String term(int number) {
      return numbers.external(number);
    }

    synchronized int size() {
      return numbers.size();
    }
  }

  private final Dictionary dictionary;
  private final int[] ids;
  private final int[] counts;
  private final int length;

  private TermBag(Dictionary dictionary, int[] ids, int[] counts, int length) {
    this.dictionary = dictionary;
    this.ids = ids;
    this.counts = counts;
    this.length = length;
  }

  /** A bag with its own dictionary. */
  public static TermBag of(Iterable<String> terms) {
    return of(terms, new Dictionary());
  }

  /** A bag whose terms are numbered by {@code dictionary}. */
  public static TermBag of(Iterable<String> terms, Dictionary dictionary) {
    Map<Integer, Integer> c = new HashMap<>();
    int length = 0;
    for (String t : terms) {
      c.merge(dictionary.numberOf(t), 1, Integer::sum);
      length++;
    }
    int[] ids = c.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] counts = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      counts[i] = c.get(ids[i]);
    }
    return new TermBag(dictionary, ids, counts, length);
  }

  /** How often {@code term} occurs. */
  public int count(String term) {
    int n = dictionary.find(term);
    if (n < 0) {
      return 0;
    }
    int i = Arrays.binarySearch(ids, n);
    return i >= 0 ? counts[i] : 0;
  }

  /** Number of terms, repeats included. */
  public int length() {
    return length;
  }

  /** The distinct terms. */
  public List<String> terms() {
    return new AbstractList<>() {
      @Override
      public String get(int i) {
        return dictionary.term(ids[i]);
      }

      @Override
      public int size() {
        return ids.length;
      }
    };
  }
}
