package lsr.encoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.Map;

/** Picks the graph output an encoder reads: the one the config names, or the graph's only one. */
final class OutputChoice {

  private OutputChoice() {}

  static String pick(OnnxGraph graph, ModelConfig config) {
    Map<String, TensorInfo> outputs = graph.outputs();
    if (config.output() != null) {
      if (!outputs.containsKey(config.output())) {
        throw new InvalidModelException(graph.where() + ": lsr-model.json names output '" + config.output()
            + "' but the graph's outputs are " + outputs.keySet());
      }
      return checkFloat(graph, config.output());
    }
    if (outputs.size() == 1) {
      return checkFloat(graph, outputs.keySet().iterator().next());
    }
    throw new InvalidModelException(graph.where() + ": the graph has outputs " + outputs.keySet()
        + "; name the one to read as \"output\" in lsr-model.json");
  }

  private static String checkFloat(OnnxGraph graph, String name) {
    TensorInfo t = graph.outputs().get(name);
    if (t.type != OnnxJavaType.FLOAT) {
      throw new InvalidModelException(graph.where() + ": output '" + name + "' must be float32, is " + t.type);
    }
    return name;
  }

  /** The last dimension of {@code name}, or -1 when the graph leaves it dynamic. */
  static long lastDim(OnnxGraph graph, String name) {
    long[] shape = graph.outputs().get(name).getShape();
    return shape.length == 0 ? -1 : shape[shape.length - 1];
  }

  static int rank(OnnxGraph graph, String name) {
    return graph.outputs().get(name).getShape().length;
  }
}
