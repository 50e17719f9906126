package lsr.query.pipeline;

import lsr.data.SparseVector;
import lsr.query.fusion.Ranking;

/**
 * What one stage returned for one query.
 *
 * @param ranking the candidates, best first
 * @param encodeMicros time spent encoding the query (0 for stages that do not encode)
 * @param searchMicros time spent searching the index
 * @param queryVector the encoded query when the stage is sparse (to explain matches), else null
 */
public record StageResult(Ranking ranking, long encodeMicros, long searchMicros, SparseVector queryVector) {}
