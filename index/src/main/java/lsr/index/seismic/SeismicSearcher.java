package lsr.index.seismic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import lsr.data.SparseVector;
import lsr.index.DocMask;
import lsr.index.Hits;
import lsr.index.SearchCost;
import lsr.index.SparseSearcher;
import lsr.index.TopK;
import lsr.index.simd.KernelProvider;
import lsr.index.simd.Kernels;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Searches a {@link SeismicIndex} from one thread, reusing its scratch space: a dense copy of the
 * query, the summary scores of one list, a visited bitmap over documents and the top-k heap.
 *
 * <p>The search: the {@code queryCut} largest query terms choose the lists to walk, largest first.
 * In each list every block's summary is scored with the whole query; once k documents are held, a
 * block whose summary score is below {@code heapFactor ×} the k-th best score is skipped; otherwise
 * its documents not yet visited are scored exactly with the whole query from the forward index.
 */
public final class SeismicSearcher implements SparseSearcher {

  private final SeismicIndex index;
  private final SearchParams defaults;
  private final Kernels kernels = KernelProvider.newKernels();
  private final MemorySegment postings;
  private final MemorySegment summaries;
  private final ForwardIndex forward;

  /** The query scattered over term ids; zero elsewhere (reset after each query). */
  private final float[] query;
  private final float[] blockScores;
  private final BlockQueue blockQueue;
  /** One bit per document; the set bits are listed in visitedDocs for a cheap reset. */
  private final long[] visited;
  private int[] visitedDocs = new int[1024];
  private int visitedCount;
  private TopK top = new TopK(10);
  /** Where the current query's documents go (top, or the shared top of SeismicParts), and their offset. */
  private TopK sink;
  private int base;
  /** The list opened by openList: where its block starts and document ids are. */
  private long listBlockStarts;
  private long listDocIdsAt;
  /** Query entries as (weight bits, position) for choosing the lists; grown to the longest query. */
  private long[] order = new long[64];
  private int[] cutTerms = new int[64];
  /** Summary entries whose component the query holds: positions in the list, query weights. */
  private int[] hitPositions = new int[1024];
  private float[] hitWeights = new float[1024];
  /** Entry ranges of the unvisited documents of the block being prefetched. */
  private long[] docStarts = new long[64];
  private long[] docEnds = new long[64];
  /** Keeps the prefetching loads alive: the compiler may not drop what reaches a field. */
  private int prefetchSink;

  SeismicSearcher(SeismicIndex index, SearchParams defaults) {
    this.index = index;
    this.defaults = defaults;
    this.postings = index.postings;
    this.summaries = index.summaries;
    this.forward = index.forward;
    this.query = new float[Math.max(1, index.dimension)];
    this.blockScores = new float[index.maxBlocks];
    this.blockQueue = new BlockQueue(index.maxBlocks);
    this.visited = new long[(index.size() + 63) >>> 6];
  }

  /** Searches with this searcher's default parameters. */
  @Override
  public Hits search(SparseVector q, int k, DocMask mask) {
    return search(q, k, defaults, mask);
  }

  /**
   * The approximate top {@code k} of {@code q} among the documents {@code mask} accepts. A filter
   * allowing at most {@code params.filterExactThreshold()} documents, or one under which the
   * approximate search finds fewer than k documents, is answered by scoring every allowed document
   * exactly. Deleted documents are skipped where the walk meets them, so they change nothing else.
   */
  public Hits search(SparseVector q, int k, SearchParams params, DocMask mask) {
    long start = System.nanoTime();
    if (top.capacity() != k) {
      top = new TopK(k);
    }
    top.clear();
    Counters counters = new Counters();
    begin(q, top, 0);
    try {
      if (answersExactly(mask, params)) {
        exactAmong(mask, counters);
      } else {
        int lists = cut(q, params.queryCut(), mask);
        boolean bestFirst = params.sortFirstList();
        for (int i = 0; i < lists; i++) {
          walk(cutTerms[i], (float) params.heapFactor(), mask, bestFirst, counters);
          bestFirst = false;
        }
        if (mask.allowed() != null && top.size() < k && top.size() < mask.accepted(forward.docs())) {
          top.clear();
          exactAmong(mask, counters);
        }
      }
    } finally {
      end(q);
    }
    return top.toHits(counters.cost(start));
  }

  // The steps of a search, also taken one by one by SeismicParts across several indexes.

  /** Starts a query: documents found go to {@code sink}, numbered {@code base} + their own number. */
  void begin(SparseVector q, TopK sink, int base) {
    this.sink = sink;
    this.base = base;
    scatter(q);
  }

  /** Ends a query, leaving the scratch space clean for the next. */
  void end(SparseVector q) {
    clearVisited();
    unscatter(q);
  }

  /** Whether the mask allows so few documents that scoring each beats walking lists. */
  static boolean answersExactly(DocMask mask, SearchParams params) {
    return mask.allowed() != null && mask.allowed().getLongCardinality() <= params.filterExactThreshold();
  }

  /** Chooses the lists to walk ({@link #cutTerm}); returns how many. */
  int cut(SparseVector q, int queryCut, DocMask mask) {
    return largestTerms(q, listsToWalk(queryCut, mask.allowed()));
  }

  /** The term of the {@code i}-th list to walk, largest query weight first. */
  int cutTerm(int i) {
    return cutTerms[i];
  }

  /** Documents of this index the mask accepts. */
  long accepted(DocMask mask) {
    return mask.accepted(forward.docs());
  }

  /**
   * Opens {@code term}'s list and scores every block's summary ({@link #blockScore}); returns its
   * number of blocks, 0 when the index has no such list. {@link #evaluateBlock} then reads its blocks.
   */
  int openList(int term, Counters counters) {
    if (term >= index.dimension) {
      return 0;
    }
    long record = index.postingStart(term);
    if (record == index.postingStart(term + 1)) {
      return 0;
    }
    counters.lists++;
    int blocks = postings.get(SeismicFormat.I32, record);
    listBlockStarts = record + 8;
    listDocIdsAt = listBlockStarts + 4L * (blocks + 1);
    if (index.flatLists) {
      // One block, no summary: it can hold anything, so it passes every heap-factor test.
      blockScores[0] = Float.POSITIVE_INFINITY;
    } else {
      scoreSummaries(term, blocks);
    }
    return blocks;
  }

  float blockScore(int b) {
    return blockScores[b];
  }

  /** Scores block {@code b} of the open list: its documents not visited yet that the mask accepts. */
  void evaluateBlock(int b, DocMask mask, Counters counters) {
    counters.blocksEvaluated++;
    evaluate(b, listBlockStarts, listDocIdsAt, mask, counters);
  }

  /**
   * Walks the list of {@code term}: scores its summaries, then evaluates the blocks that pass the
   * heap-factor test against the sink's k-th score, in list order, or, when {@code bestFirst}, in
   * decreasing summary score.
   */
  void walk(int term, float heapFactor, DocMask mask, boolean bestFirst, Counters counters) {
    int blocks = openList(term, counters);
    if (bestFirst) {
      blockQueue.fill(blockScores, blocks);
    }
    for (int i = 0; i < blocks; i++) {
      int b = bestFirst ? blockQueue.pop() : i;
      if (sink.isFull() && blockScores[b] < heapFactor * sink.threshold()) {
        if (bestFirst) {
          // Every block still queued scores no higher, and the threshold only rises.
          counters.blocksSkipped += blocks - i;
          return;
        }
        counters.blocksSkipped++;
        continue;
      }
      evaluateBlock(b, mask, counters);
    }
  }

  /** Scores the block's documents not visited yet (and accepted by the mask) into the top k. */
  private void evaluate(int b, long blockStarts, long docIdsAt, DocMask mask, Counters counters) {
    int from = postings.get(SeismicFormat.I32, blockStarts + 4L * b);
    int to = postings.get(SeismicFormat.I32, blockStarts + 4L * (b + 1));
    prefetch(docIdsAt, from, to);
    for (int p = from; p < to; p++) {
      int doc = postings.get(SeismicFormat.I32, docIdsAt + 4L * p);
      long word = visited[doc >>> 6];
      long bit = 1L << doc;
      if ((word & bit) != 0) {
        continue;
      }
      visited[doc >>> 6] = word | bit;
      if (visitedCount == visitedDocs.length) {
        visitedDocs = Arrays.copyOf(visitedDocs, visitedCount * 2);
      }
      visitedDocs[visitedCount++] = doc;
      if (!mask.accepts(doc)) {
        continue;
      }
      long start = forward.start(doc);
      float score = forward.dot(kernels, query, start, (int) (forward.start(doc + 1) - start));
      counters.docs++;
      if (score > 0f) {
        sink.offer(base + doc, score);
      }
    }
  }

  /**
   * Touches the offsets and then every cache line of the block's unvisited documents before any is
   * scored. Each pass's loads are independent, so the processor overlaps their cache misses: the
   * block waits on memory about twice (offsets, then entries) instead of twice per document, and
   * scoring then reads from cache (Java has no prefetch instruction).
   */
  private void prefetch(long docIdsAt, int from, int to) {
    if (docStarts.length < to - from) {
      docStarts = new long[to - from];
      docEnds = new long[to - from];
    }
    int n = 0;
    for (int p = from; p < to; p++) {
      int doc = postings.get(SeismicFormat.I32, docIdsAt + 4L * p);
      if ((visited[doc >>> 6] & (1L << doc)) == 0) {
        docStarts[n] = forward.start(doc);
        docEnds[n] = forward.start(doc + 1);
        n++;
      }
    }
    int sink = 0;
    for (int i = 0; i < n; i++) {
      for (long e = docStarts[i], end = docEnds[i]; e < end; e += 32) {
        sink += forward.terms.get(ValueLayout.JAVA_BYTE, 2 * e);
        sink += forward.values.get(ValueLayout.JAVA_BYTE, e * forward.valueType.bytes());
      }
    }
    prefetchSink += sink;
  }

  /**
   * Scores every summary of {@code term}'s list with the whole query into blockScores. A short
   * query misses most summary entries, so the kernel first finds the entries whose component the
   * query holds; only those are decoded, into the summary that holds them, in entry order (the
   * sums are those of a loop over every entry: the missed entries add zeros).
   */
  private void scoreSummaries(int term, int blocks) {
    long record = index.summaryStart(term);
    int entries = summaries.get(SeismicFormat.I32, record + 4);
    long minsAt = record + 8;
    long stepsAt = minsAt + 4L * blocks;
    long startsAt = stepsAt + 4L * blocks;
    long componentsAt = startsAt + 4L * (blocks + 1);
    long codesAt = componentsAt + 2L * entries;
    if (hitPositions.length < entries + Kernels.HIT_SLACK) {
      hitPositions = new int[entries + Kernels.HIT_SLACK];
      hitWeights = new float[entries + Kernels.HIT_SLACK];
    }
    int hits = kernels.queryHits(query, summaries, componentsAt, entries, hitPositions, hitWeights);
    Arrays.fill(blockScores, 0, blocks, 0f);
    int s = -1;
    int end = 0;
    float min = 0f;
    float step = 0f;
    for (int h = 0; h < hits; h++) {
      int p = hitPositions[h];
      while (p >= end) {
        s++;
        end = summaries.get(SeismicFormat.I32, startsAt + 4L * (s + 1));
        min = summaries.get(SeismicFormat.F32, minsAt + 4L * s);
        step = summaries.get(SeismicFormat.F32, stepsAt + 4L * s);
      }
      int code = Byte.toUnsignedInt(summaries.get(ValueLayout.JAVA_BYTE, codesAt + p));
      blockScores[s] += hitWeights[h] * (min + code * step);
    }
  }

  /** Scores every allowed document exactly into the sink: no pruning can hide one. */
  void exactAmong(DocMask mask, Counters counters) {
    IntIterator it = mask.allowed().getIntIterator();
    while (it.hasNext()) {
      int doc = it.next();
      if (doc < 0 || doc >= forward.docs() || !mask.accepts(doc)) {
        continue;
      }
      float score = forward.dot(kernels, query, forward.start(doc), forward.length(doc));
      counters.docs++;
      if (score > 0f) {
        sink.offer(base + doc, score);
      }
    }
  }

  /**
   * The query cut, widened under a filter in inverse proportion to the share of documents it
   * allows: a filter passing half the documents leaves half the candidates in each list, so twice
   * as many lists are walked to find as many allowed ones.
   */
  private int listsToWalk(int queryCut, RoaringBitmap allowed) {
    if (allowed == null || forward.docs() == 0) {
      return queryCut;
    }
    double share = Math.max(1e-9, allowed.getLongCardinality() / (double) forward.docs());
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(queryCut / Math.min(1.0, share)));
  }

  /**
   * Terms of the {@code cut} largest query weights, largest first (ties: smaller term first), in
   * the searcher's scratch: each entry's weight bits above its position sort as one long, so no
   * boxing and no comparator (weights are positive, so their bits order as the weights do).
   */
  private int largestTerms(SparseVector q, int cut) {
    int n = q.size();
    if (order.length < n) {
      order = new long[n];
      cutTerms = new int[n];
    }
    for (int i = 0; i < n; i++) {
      order[i] = (long) Float.floatToRawIntBits(q.weight(i)) << 32 | (Integer.MAX_VALUE - i);
    }
    Arrays.sort(order, 0, n);
    int m = Math.min(cut, n);
    for (int i = 0; i < m; i++) {
      cutTerms[i] = q.termId(Integer.MAX_VALUE - (int) order[n - 1 - i]);
    }
    return m;
  }

  private void scatter(SparseVector q) {
    for (int i = 0; i < q.size(); i++) {
      int t = q.termId(i);
      if (t < query.length) {
        query[t] = q.weight(i);
      }
    }
  }

  private void unscatter(SparseVector q) {
    for (int i = 0; i < q.size(); i++) {
      int t = q.termId(i);
      if (t < query.length) {
        query[t] = 0f;
      }
    }
  }

  private void clearVisited() {
    for (int i = 0; i < visitedCount; i++) {
      visited[visitedDocs[i] >>> 6] = 0L;
    }
    visitedCount = 0;
  }

  /** Work done by one search, over one index or several. */
  static final class Counters {
    int lists;
    int blocksEvaluated;
    int blocksSkipped;
    long docs;

    SearchCost cost(long startNanos) {
      return new SearchCost(lists, blocksEvaluated, blocksSkipped, docs, (System.nanoTime() - startNanos) / 1000);
    }
  }
}
