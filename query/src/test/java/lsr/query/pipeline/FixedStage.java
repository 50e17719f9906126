package lsr.query.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsr.query.fusion.Ranking;

/** A stage that answers each query text with a fixed ranking, applying filter and depth. */
final class FixedStage implements RetrievalStage {

  private final String name;
  private final Map<String, Ranking> byText;

  FixedStage(String name, Map<String, Ranking> byText) {
    this.name = name;
    this.byText = byText;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StageResult retrieve(StageQuery query) {
    Ranking all = byText.getOrDefault(query.text(), Ranking.EMPTY);
    List<String> ids = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    for (int i = 0; i < all.size() && ids.size() < query.depth(); i++) {
      if (query.filter() == null || query.filter().ids().contains(all.id(i))) {
        ids.add(all.id(i));
        scores.add(all.score(i));
      }
    }
    float[] s = new float[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
    }
    return new StageResult(new Ranking(ids.toArray(String[]::new), s), 5, 7, null);
  }
}
