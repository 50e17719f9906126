package lsr.query.pipeline;

import java.util.ArrayList;
import java.util.List;
import lsr.data.ScoredDoc;
import lsr.query.Retriever;

/** A pipeline seen as a {@link Retriever}, so whatever runs retrievers (evaluation) runs pipelines. */
public final class PipelineRetriever implements Retriever {

  private final Pipeline pipeline;

  public PipelineRetriever(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public String name() {
    return pipeline.name();
  }

  @Override
  public List<ScoredDoc> search(String query, int k) {
    PipelineResult r = pipeline.search(PipelineRequest.of(query, k));
    List<ScoredDoc> out = new ArrayList<>(r.hits().size());
    for (PipelineResult.Hit h : r.hits()) {
      out.add(new ScoredDoc(h.id(), h.score()));
    }
    return out;
  }

  /** Leaves the stages open: they may serve other pipelines; their owner closes them. */
  @Override
  public void close() {}
}
