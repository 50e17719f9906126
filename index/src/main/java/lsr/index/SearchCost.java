package lsr.index;

/**
 * What one search did. Counters a method does not have stay 0 (BM25 visits no blocks).
 *
 * @param listsVisited posting lists walked
 * @param blocksEvaluated blocks whose summary was scored and whose documents were then scored
 * @param blocksSkipped blocks whose summary score ruled them out
 * @param docsScored documents scored exactly
 * @param micros wall-clock time of the search in microseconds
 */
public record SearchCost(
    int listsVisited, int blocksEvaluated, int blocksSkipped, long docsScored, long micros) {

  public static final SearchCost NONE = new SearchCost(0, 0, 0, 0, 0);
}
