package lsr.query.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsr.data.SparseVector;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import lsr.query.ltr.DocumentVectors;
import lsr.query.ltr.LtrFeatures;
import lsr.query.ltr.LtrModel;
import lsr.query.ltr.LtrReranker;
import lsr.query.ltr.TextFeatures;

/** The named pipelines every command offers, built the same way everywhere. */
public final class Pipelines {

  /** Fusion of several stages. */
  public static final String HYBRID = "hybrid";
  /** {@link #HYBRID} reranked by a learning-to-rank model. */
  public static final String HYBRID_LTR = "hybrid-ltr";

  private Pipelines() {}

  /** The fusion of {@code stages}, {@code depth} candidates each. */
  public static Pipeline hybrid(List<RetrievalStage> stages, FusionMethod fusion, FusionWeights weights, int depth) {
    return new Pipeline(HYBRID, stages, fusion, weights, depth, null);
  }

  /**
   * The features learning to rank computes over {@code hybrid}'s stages: scores and ranks, text
   * features when given, and feedback features from the stages' stored vectors.
   */
  public static LtrFeatures features(Pipeline hybrid, TextFeatures text) {
    Map<String, RetrievalStage> byName = new HashMap<>();
    hybrid.stages().forEach(s -> byName.put(s.name(), s));
    DocumentVectors vectors = new DocumentVectors() {
      @Override
      public float[] dense(String stage, String docId) {
        return byName.get(stage).denseVector(docId);
      }

      @Override
      public SparseVector sparse(String stage, String docId) {
        return byName.get(stage).documentVector(docId);
      }
    };
    return new LtrFeatures(new ArrayList<>(hybrid.stageNames()), text, vectors);
  }

  /**
   * {@code hybrid} with its fused top {@code rerankDepth} reranked by {@code model}.
   *
   * @throws IllegalArgumentException when the model was trained on other features
   */
  public static Pipeline hybridLtr(Pipeline hybrid, TextFeatures text, LtrModel model, int rerankDepth) {
    LtrReranker reranker = new LtrReranker(features(hybrid, text), model, rerankDepth);
    return new Pipeline(HYBRID_LTR, hybrid.stages(), hybrid.fusion(), hybrid.weights(), hybrid.depth(), reranker);
  }
}
