package lsr.index.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import lsr.data.SparseVector;

/**
 * Learned-sparse-like vectors with topical structure, for measuring approximate search where real
 * vectors are not at hand. Uniform random vectors would have nothing for blocking to exploit; these
 * are drawn from mixtures of topics, as documents are:
 *
 * <ul>
 *   <li>each topic owns 2000 random terms of the vocabulary with Zipfian
 *       probabilities, its most probable terms also being its most salient (largest weights);
 *   <li>a background distribution (Zipfian over a random order of the whole vocabulary, low
 *       weights) plays the part of common words;
 *   <li>a document mixes one topic with, sometimes, a second and the background; a query draws from
 *       the same topics with little background. Repeated draws of a term raise its weight, and every
 *       weight gets log-normal noise.
 * </ul>
 *
 * Term ids start at 999, after the special and unused entries of the BERT WordPiece vocabulary.
 * Document {@code i} and query {@code i} depend only on the spec and {@code i}, so any subset can
 * be generated in any order, on any number of threads, with the same result.
 */
public final class SyntheticCollection {

  /** First usable term id: ids below are [PAD], [unused…], [UNK], [CLS], [SEP], [MASK] in BERT. */
  public static final int FIRST_TERM = 999;

  /** One topic per {@link Spec#DEFAULT_DOCS_PER_TOPIC} documents, at least 10. */
  public static int defaultTopics(int docs) {
    return Math.max(10, docs / Spec.DEFAULT_DOCS_PER_TOPIC);
  }

  /**
   * What to generate.
   *
   * @param docs number of documents
   * @param queries number of queries
   * @param topics number of topics (see {@link #DEFAULT_DOCS_PER_TOPIC})
   * @param vocabulary vocabulary size (term ids below it)
   * @param seed seed of the whole collection
   */
  public record Spec(int docs, int queries, int topics, int vocabulary, long seed) {
    /**
     * Documents per topic when the number of topics is not given: collections gain subjects as
     * they grow, so a query's topic holds about this many documents at any size.
     */
    public static final int DEFAULT_DOCS_PER_TOPIC = 100;
    public static final int DEFAULT_VOCABULARY = 30522;
    public static final long DEFAULT_SEED = 42;

    public Spec {
      if (docs < 0 || queries < 0) {
        throw new IllegalArgumentException("docs and queries must be >= 0");
      }
      if (topics < 1) {
        throw new IllegalArgumentException("topics must be >= 1, got " + topics);
      }
      if (vocabulary < FIRST_TERM + TOPIC_TERMS) {
        throw new IllegalArgumentException("vocabulary must be >= " + (FIRST_TERM + TOPIC_TERMS));
      }
    }
  }

  static final int TOPIC_TERMS = 2000;
  static final int MIN_DOC_LENGTH = 100;
  static final int MAX_DOC_LENGTH = 250;
  static final int MIN_QUERY_LENGTH = 20;
  static final int MAX_QUERY_LENGTH = 60;
  private static final double TOPIC_EXPONENT = 1.05;
  private static final double BACKGROUND_EXPONENT = 1.0;
  private static final double BACKGROUND_WEIGHT = 0.05;
  private static final double SECOND_TOPIC_PROBABILITY = 0.4;

  private final Spec spec;
  private final AliasTable topicRanks;
  private final AliasTable topicChoice;
  private final int[] backgroundTerms;
  private final AliasTable backgroundRanks;

  public SyntheticCollection(Spec spec) {
    this.spec = spec;
    SplittableRandom random = new SplittableRandom(spec.seed());
    int usable = spec.vocabulary() - FIRST_TERM;
    topicRanks = new AliasTable(AliasTable.zipf(TOPIC_TERMS, TOPIC_EXPONENT));
    topicChoice = new AliasTable(AliasTable.zipf(spec.topics(), 0.5));
    backgroundTerms = sampleDistinct(random, usable, usable);
    backgroundRanks = new AliasTable(AliasTable.zipf(usable, BACKGROUND_EXPONENT));
  }

  public Spec spec() {
    return spec;
  }

  /** A generator of vectors for one thread (it holds scratch space as large as the vocabulary). */
  public Sampler newSampler() {
    return new Sampler();
  }

  /**
   * The term at {@code rank} of {@code topic}: a hash of the seed, the topic and the rank, so that
   * millions of topics cost no memory (a topic may, rarely, hold a term at two ranks).
   */
  private int topicTerm(int topic, int rank) {
    long h = mix(spec.seed() ^ 0x632BE59BD9B4E019L, (long) topic * TOPIC_TERMS + rank);
    return FIRST_TERM + (int) Math.floorMod(h, (long) (spec.vocabulary() - FIRST_TERM));
  }

  /** The {@code k} first terms of a random permutation of {@code 0 .. n-1}, offset by FIRST_TERM. */
  private static int[] sampleDistinct(SplittableRandom random, int n, int k) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    int[] out = Arrays.copyOf(all, k);
    for (int i = 0; i < k; i++) {
      out[i] += FIRST_TERM;
    }
    return out;
  }

  /**
   * Salience of the term at a topic rank: the head of a topic carries its largest weights and the
   * long tail small ones, so that, as in SPLADE vectors, a few entries hold much of a vector's mass.
   */
  private static double salience(int rank) {
    return 0.05 + 3.0 * Math.exp(-rank / 60.0);
  }

  /** Draws vectors; not thread-safe. */
  public final class Sampler {
    private final int[] draws = new int[spec.vocabulary()];
    private final float[] salience = new float[spec.vocabulary()];
    private final int[] distinct = new int[MAX_DOC_LENGTH * 8];

    /** Document {@code i}: 100 to 250 nonzeros from one or two topics and the background. */
    public SparseVector document(int i) {
      SplittableRandom r = new SplittableRandom(mix(spec.seed(), 2L * i));
      int length = MIN_DOC_LENGTH + r.nextInt(MAX_DOC_LENGTH - MIN_DOC_LENGTH + 1);
      return draw(r, length, 0.2, 0.75);
    }

    /** Query {@code i}: 20 to 60 nonzeros from one or two topics, little background. */
    public SparseVector query(int i) {
      SplittableRandom r = new SplittableRandom(mix(spec.seed(), 2L * i + 1) ^ 0x5DEECE66DL);
      int length = MIN_QUERY_LENGTH + r.nextInt(MAX_QUERY_LENGTH - MIN_QUERY_LENGTH + 1);
      return draw(r, length, 0.05, 0.8);
    }

    /**
     * Draws terms until {@code length} are distinct (or attempts run out): each from the background
     * with probability {@code background}, otherwise from the first topic ({@code firstShare}) or
     * the second one, when there is one.
     */
    private SparseVector draw(SplittableRandom r, int length, double background, double firstShare) {
      int first = topicChoice.sample(r);
      int second = r.nextDouble() < SECOND_TOPIC_PROBABILITY ? topicChoice.sample(r) : -1;
      int n = 0;
      for (int attempts = 0; n < length && attempts < length * 8; attempts++) {
        double u = r.nextDouble();
        int term;
        double s;
        if (u < background) {
          term = backgroundTerms[backgroundRanks.sample(r)];
          s = BACKGROUND_WEIGHT;
        } else {
          int topic = second < 0 || r.nextDouble() < firstShare ? first : second;
          int rank = topicRanks.sample(r);
          term = topicTerm(topic, rank);
          s = salience(rank);
        }
        if (draws[term]++ == 0) {
          distinct[n++] = term;
          salience[term] = (float) s;
        } else if (s > salience[term]) {
          salience[term] = (float) s;
        }
      }
      int[] terms = Arrays.copyOf(distinct, n);
      Arrays.sort(terms);
      float[] weights = new float[n];
      for (int i = 0; i < n; i++) {
        int t = terms[i];
        double w = salience[t] * (1 + 0.4 * Math.log(draws[t])) * Math.exp(0.5 * r.nextGaussian());
        // Rounded to 4 significant digits, as written to JSON, so files and memory agree.
        weights[i] = (float) round4(w);
        draws[t] = 0;
        salience[t] = 0f;
      }
      return SparseVector.of(terms, weights);
    }
  }

  private static double round4(double w) {
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(w)));
    return Math.round(w * scale) / scale;
  }

  private static long mix(long seed, long i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
