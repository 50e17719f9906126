package lsr.index.seismic;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns one pruned posting list into blocks with summaries: random-centroid clustering of its
 * documents, then per block the coordinate-wise maximum of its documents, cut to the configured
 * energy and quantized to 8 bits. One instance per build thread: it owns scratch arrays as long as
 * the vocabulary, so a list of any length allocates only its outputs.
 */
final class ListBlocker {

  private final ForwardIndex forward;
  private final TopEntries topEntries;
  private final SeismicConfig config;

  // Scratch indexed by term id; every entry is back to 0 between uses.
  /**
   * The block's largest weight per term as raw bits (f16 or f32, as stored): weights are positive,
   * so comparing the bits as integers compares the weights, and only the block's distinct terms
   * are decoded to floats, not every entry of every document.
   */
  private final int[] maxBits;
  private final int[] termCounts;
  private final int[] termStarts;
  private final int[] touchedTerms;
  // One document's entries, copied out of the forward index.
  private final short[] docTerms = new short[SeismicFormat.MAX_DOC_LENGTH];
  private final int[] docBits = new int[SeismicFormat.MAX_DOC_LENGTH];
  private final short[] docHalves = new short[SeismicFormat.MAX_DOC_LENGTH];

  ListBlocker(ForwardIndex forward, TopEntries topEntries, SeismicConfig config, int dimension) {
    this.forward = forward;
    this.topEntries = topEntries;
    this.config = config;
    this.maxBits = new int[dimension];
    this.termCounts = new int[dimension];
    this.termStarts = new int[dimension];
    this.touchedTerms = new int[dimension + 1]; // +1: the branch-free loop writes one past the count
  }

  /** Blocks and summarizes the list of {@code term}, whose documents are {@code docs} (ascending). */
  BuiltList build(int term, int[] docs) {
    if (docs.length == 0) {
      return BuiltList.EMPTY;
    }
    int[] blockStarts = new int[docs.length + 1];
    int[] ordered = cluster(term, docs, blockStarts);
    int blocks = blockCount(blockStarts, docs.length);
    blockStarts = Arrays.copyOf(blockStarts, blocks + 1);
    long[] packed = new long[ordered.length];
    for (int i = 0; i < ordered.length; i++) {
      packed[i] = forward.start(ordered[i]) << 16 | forward.length(ordered[i]);
    }
    return summarize(ordered, packed, blockStarts);
  }

  // ---------------------------------------------------------------- clustering

  /**
   * Orders {@code docs} by cluster and fills {@code blockStarts} (terminated by docs.length).
   * Centroids are {@code centroidFraction × length} documents drawn at random (seeded by the
   * configuration seed and the term, so threads do not change the result); each document joins the
   * centroid with the largest inner product over the document's {@code kmeansDocCut} largest
   * entries ({@link TopEntries}); clusters of {@code minClusterSize} documents or fewer are
   * dissolved and their documents join the best remaining centroid. Clusters larger than
   * {@link SeismicConfig#maxBlockSize()} are clustered again on their own ({@link #splitOversized}).
   */
  private int[] cluster(int term, int[] docs, int[] blockStarts) {
    int n = docs.length;
    int centroids = Math.min(n, Math.max(1, (int) (config.centroidFraction() * n)));
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + term);
    int[] ordered = clusterAround(random, docs, centroids, blockStarts);
    int[] splitStarts = new int[n + 1];
    int[] split = splitOversized(random, ordered, blockStarts, splitStarts, 0);
    if (split == ordered) {
      return ordered;
    }
    System.arraycopy(splitStarts, 0, blockStarts, 0, blockCount(splitStarts, n) + 1);
    return split;
  }

  /** Clusters {@code docs} around {@code centroids} of them drawn at random. */
  private int[] clusterAround(SplittableRandom random, int[] docs, int centroids, int[] blockStarts) {
    int n = docs.length;
    if (centroids <= 1) {
      blockStarts[0] = 0;
      blockStarts[1] = n;
      return docs.clone();
    }
    int[] positions = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = i;
    }
    int[] centroidDocs = new int[centroids];
    for (int c = 0; c < centroids; c++) {
      int pick = c + random.nextInt(n - c);
      int tmp = positions[c];
      positions[c] = positions[pick];
      positions[pick] = tmp;
      centroidDocs[c] = docs[positions[c]];
    }
    CentroidIndex index = new CentroidIndex(centroidDocs);
    try {
      return assign(docs, centroids, index, blockStarts);
    } finally {
      index.clear();
    }
  }

  /**
   * Random centroids give clusters of very uneven size, and a large block has a loose summary (the
   * maximum over many documents) that passes the heap-factor test for many queries and then costs
   * all its documents: the slow tail of search. So every block above the cap is clustered again
   * around {@code centroidFraction} of its own documents, at most {@link #MAX_SPLIT_DEPTH} times,
   * then cut into runs of the cap. Returns {@code ordered} itself when no block is above the cap,
   * else the reordered documents, with their block starts in {@code outStarts}.
   */
  private int[] splitOversized(SplittableRandom random, int[] ordered, int[] blockStarts, int[] outStarts, int depth) {
    int cap = config.maxBlockSize();
    int n = ordered.length;
    int blocks = blockCount(blockStarts, n);
    boolean oversized = false;
    for (int b = 0; b < blocks && !oversized; b++) {
      oversized = blockStarts[b + 1] - blockStarts[b] > cap;
    }
    if (!oversized) {
      return ordered;
    }
    int[] out = new int[n];
    int outBlocks = 0;
    for (int b = 0; b < blocks; b++) {
      int from = blockStarts[b];
      int size = blockStarts[b + 1] - from;
      int[] slice = Arrays.copyOfRange(ordered, from, from + size);
      int[] sub = slice;
      int[] subStarts = new int[size + 1];
      if (size <= cap) {
        subStarts[1] = size;
      } else if (depth < MAX_SPLIT_DEPTH) {
        int centroids = Math.max((size + cap - 1) / cap, (int) Math.ceil(config.centroidFraction() * size));
        sub = clusterAround(random, slice, Math.min(size, centroids), subStarts);
        int[] deeper = new int[size + 1];
        int[] split = splitOversized(random, sub, subStarts, deeper, depth + 1);
        if (split != sub) {
          sub = split;
          subStarts = deeper;
        }
      } else {
        int k = 0;
        for (int i = 0; i < size; i += cap) {
          subStarts[k++] = i;
        }
        subStarts[k] = size;
      }
      for (int j = 0; subStarts[j] < size; j++) {
        outStarts[outBlocks++] = from + subStarts[j];
      }
      System.arraycopy(sub, 0, out, from, size);
    }
    outStarts[outBlocks] = n;
    return out;
  }

  private static final int MAX_SPLIT_DEPTH = 3;

  /** Number of blocks in starts terminated by {@code n}. */
  private static int blockCount(int[] starts, int n) {
    int blocks = 0;
    while (starts[blocks] < n) {
      blocks++;
    }
    return blocks;
  }

  private int[] assign(int[] docs, int centroids, CentroidIndex index, int[] blockStarts) {
    int n = docs.length;
    float[] scores = new float[centroids];
    boolean[] removed = new boolean[centroids];
    int[] assignment = new int[n];
    int[] sizes = new int[centroids];
    for (int i = 0; i < n; i++) {
      assignment[i] = index.best(docs[i], scores, removed);
      sizes[assignment[i]]++;
    }
    int survivors = 0;
    for (int c = 0; c < centroids; c++) {
      removed[c] = sizes[c] <= config.minClusterSize();
      if (!removed[c]) {
        survivors++;
      }
    }
    if (survivors == 0) {
      blockStarts[0] = 0;
      blockStarts[1] = n;
      return docs.clone();
    }
    Arrays.fill(sizes, 0);
    for (int i = 0; i < n; i++) {
      if (removed[assignment[i]]) {
        assignment[i] = index.best(docs[i], scores, removed);
      }
      sizes[assignment[i]]++;
    }
    // Counting sort by centroid keeps the ascending document order inside each block.
    int[] next = new int[centroids];
    int blocks = 0;
    int at = 0;
    for (int c = 0; c < centroids; c++) {
      if (sizes[c] > 0) {
        blockStarts[blocks++] = at;
        next[c] = at;
        at += sizes[c];
      }
    }
    blockStarts[blocks] = n;
    int[] ordered = new int[n];
    for (int i = 0; i < n; i++) {
      ordered[next[assignment[i]]++] = docs[i];
    }
    return ordered;
  }

  /**
   * The centroids' full vectors inverted (term → centroids and weights), for fast matching. The
   * slice of term t is [termStarts[t], termCounts[t]) of the two arrays, valid until {@link #clear}.
   */
  private final class CentroidIndex {
    private final int[] centroidOf;
    private final float[] weightOf;
    private final int[] terms;

    CentroidIndex(int[] centroidDocs) {
      int distinct = 0;
      long total = 0;
      for (int doc : centroidDocs) {
        long start = forward.start(doc);
        int length = forward.length(doc);
        total += length;
        for (long e = start; e < start + length; e++) {
          int t = forward.term(e);
          if (termCounts[t]++ == 0) {
            touchedTerms[distinct++] = t;
          }
        }
      }
      terms = Arrays.copyOf(touchedTerms, distinct);
      centroidOf = new int[(int) total];
      weightOf = new float[(int) total];
      int at = 0;
      for (int t : terms) {
        termStarts[t] = at;
        at += termCounts[t];
        termCounts[t] = termStarts[t];
      }
      for (int c = 0; c < centroidDocs.length; c++) {
        long start = forward.start(centroidDocs[c]);
        int length = forward.length(centroidDocs[c]);
        for (long e = start; e < start + length; e++) {
          int slot = termCounts[forward.term(e)]++;
          centroidOf[slot] = c;
          weightOf[slot] = forward.value(e);
        }
      }
    }

    /**
     * The best centroid not {@code removed} for {@code doc}; ties and no overlap go to the lowest.
     * Scores accumulate densely over all centroids and one pass finds the best and clears them:
     * the list's own term and its topic's common terms sit in most centroids, so a dense pass costs
     * about what tracking the touched centroids would, without its unpredictable branch.
     */
    int best(int doc, float[] scores, boolean[] removed) {
      for (int i = topEntries.start(doc), end = i + topEntries.length(doc); i < end; i++) {
        int t = topEntries.terms[i];
        float v = topEntries.values[i];
        for (int p = termStarts[t], to = termCounts[t]; p < to; p++) {
          scores[centroidOf[p]] += v * weightOf[p];
        }
      }
      int best = -1;
      float bestScore = 0f;
      int firstKept = -1;
      for (int c = 0; c < scores.length; c++) {
        float s = scores[c];
        scores[c] = 0f;
        if (!removed[c]) {
          if (firstKept < 0) {
            firstKept = c;
          }
          if (s > bestScore) {
            best = c;
            bestScore = s;
          }
        }
      }
      return best >= 0 ? best : Math.max(0, firstKept);
    }

    /** Returns the term-indexed scratch to all zeros. */
    void clear() {
      for (int t : terms) {
        termCounts[t] = 0;
        termStarts[t] = 0;
      }
    }
  }

  // ---------------------------------------------------------------- summaries

  private BuiltList summarize(int[] docs, long[] packed, int[] blockStarts) {
    int blocks = blockStarts.length - 1;
    float[] mins = new float[blocks];
    float[] steps = new float[blocks];
    int[] summaryStarts = new int[blocks + 1];
    IntList components = new IntList();
    ByteList codes = new ByteList();
    long[] kept = new long[256];
    float[] keptValues = new float[256];
    for (int b = 0; b < blocks; b++) {
      int distinct = 0;
      for (int i = blockStarts[b]; i < blockStarts[b + 1]; i++) {
        int length = readDocument(packed[i]);
        // Branch-free: whether a term is new to the block is unpredictable.
        for (int j = 0; j < length; j++) {
          int t = Short.toUnsignedInt(docTerms[j]);
          int m = maxBits[t];
          touchedTerms[distinct] = t;
          distinct += m == 0 ? 1 : 0;
          maxBits[t] = Math.max(m, docBits[j]);
        }
      }
      if (kept.length < distinct) {
        kept = new long[distinct];
        keptValues = new float[distinct];
      }
      for (int i = 0; i < distinct; i++) {
        int t = touchedTerms[i];
        kept[i] = EnergySelection.pack(decode(maxBits[t]), t);
        maxBits[t] = 0;
      }
      int n = EnergySelection.selectTop(kept, distinct, config.summaryEnergy());
      // Components ascending, as in documents: the search gathers query weights in memory order.
      for (int i = 0; i < n; i++) {
        kept[i] = (long) EnergySelection.term(kept[i]) << 32 | (kept[i] >>> 32);
      }
      Arrays.sort(kept, 0, n);
      for (int i = 0; i < n; i++) {
        keptValues[i] = Float.intBitsToFloat((int) kept[i]);
      }
      Quantizer q = Quantizer.of(keptValues, n);
      mins[b] = q.min();
      steps[b] = q.step();
      for (int i = 0; i < n; i++) {
        components.add((int) (kept[i] >>> 32));
        codes.add((byte) q.code(keptValues[i]));
      }
      summaryStarts[b + 1] = components.size;
    }
    return new BuiltList(
        docs, blockStarts, mins, steps, summaryStarts,
        Arrays.copyOf(components.values, components.size), Arrays.copyOf(codes.values, codes.size));
  }

  /**
   * Copies the document a packed posting points to into docTerms and docBits (bulk copies, no
   * decoding) and returns its length.
   */
  private int readDocument(long packedPosting) {
    long start = packedPosting >>> 16;
    int length = (int) (packedPosting & 0xFFFF);
    MemorySegment.copy(forward.terms, SeismicFormat.U16, 2 * start, docTerms, 0, length);
    if (forward.valueType == ValueType.F32) {
      MemorySegment.copy(forward.values, SeismicFormat.I32, 4 * start, docBits, 0, length);
    } else {
      MemorySegment.copy(forward.values, SeismicFormat.U16, 2 * start, docHalves, 0, length);
      for (int j = 0; j < length; j++) {
        docBits[j] = Short.toUnsignedInt(docHalves[j]);
      }
    }
    return length;
  }

  /** The weight whose raw bits (as the forward index stores them) are {@code bits}. */
  private float decode(int bits) {
    return forward.valueType == ValueType.F32 ? Float.intBitsToFloat(bits) : Float.float16ToFloat((short) bits);
  }

  /** A growable int array. */
  static final class IntList {
    int[] values = new int[64];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  /** A growable byte array. */
  static final class ByteList {
    byte[] values = new byte[64];
    int size;

    void add(byte v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
