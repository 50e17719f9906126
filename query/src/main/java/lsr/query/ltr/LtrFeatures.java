package lsr.query.ltr;

import java.util.ArrayList;
import java.util.List;
import lsr.query.fusion.Candidates;
import lsr.query.fusion.FusionWeights;
import lsr.query.fusion.Normalization;
import lsr.query.fusion.ReciprocalRankFusion;

/**
 * The feature row of each (query, candidate document) pair, for learning to rank.
 *
 * <p>For every retrieval stage: its raw score (missing when it did not return the document), its
 * min-max and z-score normalized scores and its rank (depth + 1 when not returned); then the
 * reciprocal rank fusion score and how many stages found the document; then, when text features are
 * given, those of {@link TextFeatures}; then, when document vectors are given, pseudo-relevance
 * feedback: for each stage, the similarity of the candidate to the centroid of the
 * {@value #FEEDBACK_DOCS} best candidates by reciprocal rank fusion in that stage's space (missing
 * when the stage keeps no vectors), and the same over the texts' TF-IDF vectors. Documents close to
 * what several stages agree on are likelier relevant, which no single score says. Normalized scores
 * and ranks are per query, which lets one model serve queries whose raw scores live on different
 * scales.
 */
public final class LtrFeatures {

  private static final List<String> PER_STAGE = List.of("score", "minmax", "zscore", "rank");
  private static final ReciprocalRankFusion RRF = new ReciprocalRankFusion();

  /** Candidates whose centroid the feedback features compare with. */
  public static final int FEEDBACK_DOCS = 5;

  private final List<String> stages;
  private final TextFeatures text;
  private final DocumentVectors vectors;
  private final List<String> names;

  /**
   * @param stages the stage names, in feature order
   * @param text the text features, or null to leave them out
   */
  public LtrFeatures(List<String> stages, TextFeatures text) {
    this(stages, text, null);
  }

  /**
   * @param stages the stage names, in feature order
   * @param text the text features, or null to leave them out
   * @param vectors the stages' document vectors for feedback features, or null to leave them out
   */
  public LtrFeatures(List<String> stages, TextFeatures text, DocumentVectors vectors) {
    this.stages = List.copyOf(stages);
    this.text = text;
    this.vectors = vectors;
    List<String> n = new ArrayList<>();
    for (String stage : stages) {
      for (String f : PER_STAGE) {
        n.add(stage + "." + f);
      }
    }
    n.add("rrf");
    n.add("found_by");
    if (text != null) {
      n.addAll(TextFeatures.NAMES);
    }
    if (vectors != null) {
      for (String stage : stages) {
        n.add(stage + ".feedback");
      }
      if (text != null) {
        n.add("text.feedback");
      }
    }
    this.names = List.copyOf(n);
  }

  /** The feature names, in column order. */
  public List<String> names() {
    return names;
  }

  /** What the features need to know about a query, computed once per query. */
  public TextFeatures.AnalyzedQuery analyze(String query) {
    return text == null ? null : text.analyze(query);
  }

  /**
   * The feature rows of candidates {@code docs} (indexes into {@code candidates}).
   *
   * @param query from {@link #analyze}
   * @throws IllegalArgumentException when a stage these features need is not in the table
   */
  public float[][] rows(Candidates candidates, int[] docs, TextFeatures.AnalyzedQuery query) {
    int[] stageIndex = new int[stages.size()];
    for (int i = 0; i < stageIndex.length; i++) {
      stageIndex[i] = candidates.stageIndex(stages.get(i));
      if (stageIndex[i] < 0) {
        throw new IllegalArgumentException(
            "the features need stage " + stages.get(i) + " but the candidates come from " + candidates.stages());
      }
    }
    float[][] minMax = new float[stages.size()][];
    float[][] zScore = new float[stages.size()][];
    for (int i = 0; i < stageIndex.length; i++) {
      minMax[i] = Normalization.MIN_MAX.apply(candidates, stageIndex[i]);
      zScore[i] = Normalization.Z_SCORE.apply(candidates, stageIndex[i]);
    }
    float[] rrf = RRF.fuse(candidates, FusionWeights.EQUAL);
    float[][] rows = new float[docs.length][names.size()];
    for (int r = 0; r < docs.length; r++) {
      int d = docs[r];
      float[] row = rows[r];
      int col = 0;
      int foundBy = 0;
      for (int i = 0; i < stageIndex.length; i++) {
        int s = stageIndex[i];
        boolean found = candidates.found(s, d);
        foundBy += found ? 1 : 0;
        row[col++] = found ? candidates.score(s, d) : Float.NaN;
        row[col++] = minMax[i][d];
        row[col++] = zScore[i][d];
        row[col++] = found ? candidates.rank(s, d) : candidates.depth(s) + 1;
      }
      row[col++] = rrf[d];
      row[col++] = foundBy;
      if (text != null) {
        text.fill(query, candidates.doc(d), row, col);
        col += TextFeatures.NAMES.size();
      }
    }
    if (vectors != null) {
      int col = names.size() - stages.size() - (text != null ? 1 : 0);
      List<String> feedback = topByScore(candidates, rrf, FEEDBACK_DOCS);
      for (String stage : stages) {
        Feedback f = Feedback.of(stage, feedback, vectors);
        for (int r = 0; r < docs.length; r++) {
          rows[r][col] = f.similarity(candidates.doc(docs[r]));
        }
        col++;
      }
      if (text != null) {
        float[] sims = text.feedback(feedback, docs, candidates);
        for (int r = 0; r < docs.length; r++) {
          rows[r][col] = sims[r];
        }
      }
    }
    return rows;
  }

  /** The ids of the {@code m} candidates with the largest {@code scores} (ties: first appearance). */
  private static List<String> topByScore(Candidates candidates, float[] scores, int m) {
    return List.of(lsr.query.fusion.Rankings.byScore(candidates, scores, m).ids());
  }
}
