package lsr.cli;

import lsr.index.seismic.SearchParams;
import picocli.CommandLine.Option;

/** The Seismic search knobs on the command line; defaults come from {@link SearchParams}. */
final class SeismicSearchOptions {

  @Option(names = "--query-cut", paramLabel = "<n>",
      description = "Walk the lists of the n largest query terms (default: ${DEFAULT-VALUE}).")
  int queryCut = SearchParams.DEFAULT_QUERY_CUT;

  @Option(names = "--heap-factor", paramLabel = "<x>",
      description = "Skip a block whose summary score is below this times the k-th best score; "
          + "in (0, 1], smaller is safer and slower (default: ${DEFAULT-VALUE}).")
  double heapFactor = SearchParams.DEFAULT_HEAP_FACTOR;

  @Option(names = "--filter-exact-threshold", paramLabel = "<n>",
      description = "Filters allowing at most n documents are answered by exact scoring (default: ${DEFAULT-VALUE}).")
  int filterExactThreshold = SearchParams.DEFAULT_FILTER_EXACT_THRESHOLD;

  @Option(names = "--sort-first-list", negatable = true, fallbackValue = "true",
      description = "Evaluate the first list's blocks best summary first, so later blocks are skipped sooner "
          + "(default: ${DEFAULT-VALUE}; --no-sort-first-list keeps list order).")
  boolean sortFirstList = SearchParams.DEFAULT_SORT_FIRST_LIST;

  SearchParams toParams() {
    try {
      return new SearchParams(queryCut, heapFactor, filterExactThreshold, sortFirstList);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
