package lsr.encoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session over a BERT-style graph. The session is shared: ONNX Runtime's
 * {@code run} is thread-safe, so several worker threads use one copy of the weights, each run on
 * {@code intraOpThreads} threads. Input tensors are created per run and always closed.
 */
final class OnnxGraph implements AutoCloseable {

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final List<String> KNOWN_INPUTS = List.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private final OrtEnvironment env;
  private final OrtSession session;
  private final Set<String> inputs;
  private final Map<String, TensorInfo> outputs;
  private final String where;

  private OnnxGraph(OrtEnvironment env, OrtSession session, Set<String> inputs,
      Map<String, TensorInfo> outputs, String where) {
    this.env = env;
    this.session = session;
    this.inputs = inputs;
    this.outputs = outputs;
    this.where = where;
  }

  /**
   * Opens the graph of {@code source} and checks that it declares only int64 inputs lsr can feed.
   *
   * @param intraOpThreads threads ONNX Runtime uses inside one run
   */
  static OnnxGraph open(ModelSource source, int intraOpThreads) {
    OrtEnvironment env = environment();
    String where = source.description();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = source.onnxFile() != null
          ? env.createSession(source.onnxFile().toString(), options)
          : env.createSession(source.onnxBytes(), options);
    } catch (OrtException | IOException e) {
      throw new InvalidModelException(where + ": ONNX Runtime cannot load the graph: " + e.getMessage(), e);
    }
    try {
      Map<String, NodeInfo> in = session.getInputInfo();
      for (Map.Entry<String, NodeInfo> e : in.entrySet()) {
        if (!KNOWN_INPUTS.contains(e.getKey())) {
          throw new InvalidModelException(where + ": the graph declares input '" + e.getKey()
              + "'; lsr feeds only " + KNOWN_INPUTS);
        }
        if (!(e.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64) {
          throw new InvalidModelException(where + ": input '" + e.getKey() + "' must be an int64 tensor, is "
              + e.getValue().getInfo());
        }
      }
      if (!in.containsKey(INPUT_IDS)) {
        throw new InvalidModelException(where + ": the graph has no '" + INPUT_IDS + "' input");
      }
      Map<String, TensorInfo> out = new LinkedHashMap<>();
      for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
        if (e.getValue().getInfo() instanceof TensorInfo t) {
          out.put(e.getKey(), t);
        }
      }
      return new OnnxGraph(env, session, Set.copyOf(in.keySet()), out, where);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session);
      if (e instanceof InvalidModelException ime) {
        throw ime;
      }
      throw new InvalidModelException(where + ": cannot read the graph's inputs and outputs: " + e.getMessage(), e);
    }
  }

  /** Stack of the thread that creates ONNX Runtime's environment (see {@link #environment}). */
  private static final long INIT_STACK_BYTES = 16L << 20;

  /**
   * ONNX Runtime's process-wide environment, created on a thread with a large stack: its native
   * initialisation overflowed the 1 MB stack of a JVM main thread started with a long {@code -cp}
   * (a silent SIGSEGV, no hs_err file), while a 4 MB stack sufficed.
   */
  static OrtEnvironment environment() {
    OrtEnvironment[] created = new OrtEnvironment[1];
    RuntimeException[] failed = new RuntimeException[1];
    Thread init = new Thread(null, () -> {
      try {
        created[0] = OrtEnvironment.getEnvironment();
      } catch (RuntimeException e) {
        failed[0] = e;
      }
    }, "lsr-onnx-init", INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting ONNX Runtime", e);
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    return created[0];
  }

  /** The graph's tensor outputs by name, in declaration order. */
  Map<String, TensorInfo> outputs() {
    return outputs;
  }

  /** Whether the graph declares {@code input}. */
  boolean declares(String input) {
    return inputs.contains(input);
  }

  /** Where the graph came from, for error messages. */
  String where() {
    return where;
  }

  /**
   * Runs the graph on {@code batch}, feeding exactly the inputs it declares. The caller closes the
   * result (it owns native memory).
   */
  OrtSession.Result run(TokenBatch batch, Set<String> wanted) throws OrtException {
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      long[] shape = batch.shape();
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape));
      if (inputs.contains(ATTENTION_MASK)) {
        feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.mask()), shape));
      }
      if (inputs.contains(TOKEN_TYPE_IDS)) {
        feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.types()), shape));
      }
      return session.run(feed, wanted);
    } finally {
      for (OnnxTensor t : feed.values()) {
        t.close();
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(session);
  }

  private static void closeQuietly(OrtSession s) {
    try {
      s.close();
    } catch (OrtException ignored) {
      // closing a session only frees native memory; nothing to report to the caller
    }
  }
}
