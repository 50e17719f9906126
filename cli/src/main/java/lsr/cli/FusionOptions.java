package lsr.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsr.query.fusion.FusionMethod;
import lsr.query.fusion.FusionWeights;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** How a hybrid fuses its stages, shared by the commands that build one. */
final class FusionOptions {

  @Option(names = "--fusion", paramLabel = "<method>", converter = MethodConverter.class,
      description = "Fusion of the hybrid's stages: rrf (reciprocal rank), minmax or zscore (convex "
          + "combination of normalized scores) (default: ${DEFAULT-VALUE}).")
  FusionMethod method = FusionMethod.RRF;

  @Option(names = "--weights", split = ",", paramLabel = "<stage:weight>",
      description = "Stage weights of the fusion, e.g. bm25:0.5,dense:1; stages not named weigh 1.")
  List<String> weights = List.of();

  FusionWeights weights() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String w : weights) {
      String[] kv = w.split(":");
      if (kv.length != 2) {
        throw new IllegalArgumentException("--weights takes stage:weight pairs, got '" + w + "'");
      }
      try {
        m.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--weights: '" + kv[1] + "' is not a number (in '" + w + "')");
      }
    }
    return new FusionWeights(m);
  }

  /** Fails with a usage message when the weights do not parse. */
  void validate() {
    weights();
  }

  static final class MethodConverter implements ITypeConverter<FusionMethod> {
    @Override
    public FusionMethod convert(String value) {
      return FusionMethod.parse(value);
    }
  }
}
