package lsr.index.seismic;

import java.util.List;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.TopK;

/**
 * Searches several Seismic indexes (the segments of a collection) as if they were one: every part
 * puts its documents into one shared top k, numbered by the part's base, so each part skips blocks
 * against the best documents of all parts; and the first list's blocks of every part are evaluated
 * in one order of decreasing summary score, as one index evaluates its first list, so the shared top
 * k holds good documents before any part walks its other lists. Searching ten segments then scores
 * about as many documents as searching them merged.
 */
public final class SeismicParts {

  private SeismicParts() {}

  /**
   * The approximate top {@code k} of {@code q} over the parts, in global numbers ({@code bases[i]}
   * plus a document's number in part {@code i}); ties go to the smaller global number.
   *
   * @param searchers one searcher per part, each of its own index, used by this call only
   * @param masks the documents each part may return
   */
  public static Hits search(List<SeismicSearcher> searchers, int[] bases, List<DocMask> masks, SparseVector q, int k,
      SearchParams params) {
    long start = System.nanoTime();
    TopK top = new TopK(k);
    SeismicSearcher.Counters counters = new SeismicSearcher.Counters();
    int parts = searchers.size();
    for (int i = 0; i < parts; i++) {
      searchers.get(i).begin(q, top, bases[i]);
    }
    try {
      boolean[] walks = new boolean[parts];
      int[] lists = new int[parts];
      boolean filtered = false;
      long accepted = 0;
      for (int i = 0; i < parts; i++) {
        SeismicSearcher s = searchers.get(i);
        DocMask mask = masks.get(i);
        filtered |= mask.allowed() != null;
        accepted += s.accepted(mask);
        if (SeismicSearcher.answersExactly(mask, params)) {
          s.exactAmong(mask, counters);
        } else {
          walks[i] = true;
          lists[i] = s.cut(q, params.queryCut(), mask);
        }
      }
      float heapFactor = (float) params.heapFactor();
      int longest = 0;
      for (int i = 0; i < parts; i++) {
        longest = Math.max(longest, walks[i] ? lists[i] : 0);
      }
      for (int l = 0; l < longest; l++) {
        if (l == 0 && !params.sortFirstList()) {
          for (int i = 0; i < parts; i++) {
            if (walks[i] && lists[i] > 0) {
              searchers.get(i).walk(searchers.get(i).cutTerm(0), heapFactor, masks.get(i), false, counters);
            }
          }
        } else {
          listBestFirst(l, searchers, masks, walks, lists, top, heapFactor, counters);
        }
      }
      if (filtered && top.size() < k && top.size() < accepted) {
        // The filter starved the approximate walk: score every allowed document instead.
        top.clear();
        for (int i = 0; i < parts; i++) {
          if (masks.get(i).allowed() != null) {
            searchers.get(i).exactAmong(masks.get(i), counters);
          }
        }
      }
    } finally {
      for (int i = 0; i < parts; i++) {
        searchers.get(i).end(q);
      }
    }
    return top.toHits(counters.cost(start));
  }

  /**
   * Evaluates the blocks of every walking part's first list in one decreasing order of summary
   * score, until the next block cannot pass the heap-factor test.
   */
  private static void listBestFirst(int list, List<SeismicSearcher> searchers, List<DocMask> masks, boolean[] walks,
      int[] lists, TopK top, float heapFactor, SeismicSearcher.Counters counters) {
    int parts = searchers.size();
    int[] blocks = new int[parts];
    int total = 0;
    for (int i = 0; i < parts; i++) {
      if (walks[i] && lists[i] > list) {
        blocks[i] = searchers.get(i).openList(searchers.get(i).cutTerm(list), counters);
        total += blocks[i];
      }
    }
    float[] scores = new float[total];
    int[] part = new int[total];
    int[] block = new int[total];
    int n = 0;
    for (int i = 0; i < parts; i++) {
      for (int b = 0; b < blocks[i]; b++) {
        part[n] = i;
        block[n] = b;
        scores[n] = searchers.get(i).blockScore(b);
        n++;
      }
    }
    // A heap, not a sort: the walk usually stops after the best few blocks.
    BlockQueue queue = new BlockQueue(total);
    queue.fill(scores, total);
    for (int r = total - 1; r >= 0; r--) {
      int at = queue.pop();
      SeismicSearcher s = searchers.get(part[at]);
      if (top.isFull() && scores[at] < heapFactor * top.threshold()) {
        counters.blocksSkipped += r + 1;
        return;
      }
      s.evaluateBlock(block[at], masks.get(part[at]), counters);
    }
  }
}
