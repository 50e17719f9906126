package lsr.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import lsr.data.ErrorPolicy;
import lsr.data.SparseVector;
import lsr.data.VectorJsonlLayout;
import lsr.data.VectorJsonlWriter;
import lsr.data.VectorRecord;
import lsr.encoder.DenseEncoder;
import lsr.encoder.EncoderOptions;
import lsr.encoder.Encoders;
import lsr.encoder.ImpactQuantizer;
import lsr.encoder.ModelReference;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.encoder.ParallelEncoding;
import lsr.encoder.ResumableOutput;
import lsr.encoder.SparseEncoder;
import lsr.encoder.TextKind;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Encodes every text of an input into a JSON-lines file, resumably: a manifest beside the output
 * records what produced it, and a rerun after a kill skips the records already written (see {@link
 * ResumableOutput}) and appends the rest. A rerun with different settings is refused rather than
 * mixing two kinds of vectors in one file.
 *
 * <p>Sparse vectors are written in the vector JSONL layout ({@code {"id", "contents", "vector":
 * {token: weight}}}); dense ones as {@code {"id": ..., "vector": [x, ...]}}.
 */
final class EncodingJob {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a finished job did. */
  record Outcome(long total, long resumedFrom, long encoded, double seconds, long skippedLines) {
    double perSecond() {
      return seconds > 0 ? encoded / seconds : 0;
    }
  }

  private final EncoderOptionsMixin options;
  private final ModelSource model;
  private final boolean queries;
  private final VectorJsonlLayout layout;
  private final PrintStream err;

  /** @param model the model to encode with (its type says whether the output is sparse or dense) */
  EncodingJob(EncoderOptionsMixin options, ModelSource model, boolean queries, VectorJsonlLayout layout,
      PrintStream err) {
    this.options = options;
    this.model = model;
    this.queries = queries;
    this.layout = layout;
    this.err = err;
  }

  /** The manifest that sits beside {@code out}. */
  static Path manifestOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".manifest.json");
  }

  Outcome run(Path input, Path out) throws IOException {
    EncoderOptions encoderOptions = options.encoderOptions();
    if (out.getFileName().toString().endsWith(".gz")) {
      throw new UsageException("--out " + out + ": write plain JSON lines (a compressed file cannot be resumed"
          + " after a kill); compress it afterwards");
    }
    // Through text and back, so numbers compare equal to those read from the file.
    ObjectNode manifest = (ObjectNode) readTree(manifest(model, input).toString());
    checkOrWriteManifest(out, manifest);
    ResumableOutput.State state = ResumableOutput.recover(out);
    if (state.truncatedBytes() > 0 && !options.quiet) {
      err.printf("lsr: %s ended in a partial line (%d bytes, from an interrupted run); removed it%n",
          out, state.truncatedBytes());
    }
    ErrorPolicy policy = options.lenient ? ErrorPolicy.lenient() : ErrorPolicy.strict();
    long total = options.quiet ? -1 : TextInput.countLines(input, queries);
    long started = System.nanoTime();
    long encoded;
    try (TextInput texts = TextInput.open(input, queries, policy)) {
      skip(texts, state, out);
      if (state.records() > 0 && !options.quiet) {
        err.printf("lsr: resuming after %,d records already in %s%n", state.records(), out);
      }
      if (!texts.hasNext()) {
        // Complete already (a rerun after success): no need to load the model.
        return new Outcome(state.records(), state.records(), 0, (System.nanoTime() - started) / 1e9, policy.skipped());
      }
      try (ProgressBar bar = options.quiet ? null : progressBar(total, state.records());
          Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8), 1 << 16)) {
        encoded = model.config().type() == ModelType.DENSE
            ? encodeDense(model, encoderOptions, texts, writer, bar)
            : encodeSparse(model, encoderOptions, texts, writer, bar);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!policy.isStrict() && policy.skipped() > 0 && !options.quiet) {
      err.println("lsr: " + policy.summary());
    }
    return new Outcome(state.records() + encoded, state.records(), encoded, seconds, policy.skipped());
  }

  /** Skips the records an earlier run wrote, checking that the last one is where it should be. */
  private static void skip(TextInput texts, ResumableOutput.State state, Path out) {
    String id = null;
    for (long i = 0; i < state.records(); i++) {
      if (!texts.hasNext()) {
        throw new IllegalStateException(out + " holds " + state.records() + " records but " + texts.file()
            + " has only " + i + "; the output belongs to another input: delete it to start over");
      }
      id = texts.next().id();
    }
    if (state.records() > 0 && !id.equals(state.lastId())) {
      throw new IllegalStateException(out + ": record " + state.records() + " has id '" + state.lastId()
          + "' but input record " + state.records() + " of " + texts.file() + " is '" + id
          + "'; the output belongs to another input: delete it to start over");
    }
  }

  private long encodeSparse(ModelSource model, EncoderOptions encoderOptions, Iterator<TextInput.Text> texts,
      Writer writer, ProgressBar bar) throws IOException {
    TextKind kind = queries ? TextKind.QUERY : TextKind.PASSAGE;
    ImpactQuantizer quantizer = options.quantize ? new ImpactQuantizer(options.impactScale) : null;
    try (SparseEncoder encoder = Encoders.sparse(model, encoderOptions);
        ParallelEncoding<SparseVector> pool = new ParallelEncoding<>(list -> encoder.encode(list, kind),
            options.threads, ParallelEncoding.chunkSize(encoder.textsPerRun()));
        VectorJsonlWriter jsonl = VectorJsonlWriter.to(writer, layout, encoder.vocabulary())) {
      return pool.run(texts, TextInput.Text::text, (text, vector) -> {
        try {
          jsonl.write(new VectorRecord(text.id(), quantizer == null ? vector : quantizer.quantize(vector)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        step(bar);
      });
    }
  }

  private long encodeDense(ModelSource model, EncoderOptions encoderOptions, Iterator<TextInput.Text> texts,
      Writer writer, ProgressBar bar) throws IOException {
    TextKind kind = queries ? TextKind.QUERY : TextKind.PASSAGE;
    try (DenseEncoder encoder = Encoders.dense(model, encoderOptions);
        ParallelEncoding<float[]> pool = new ParallelEncoding<>(list -> encoder.encode(list, kind),
            options.threads, ParallelEncoding.chunkSize(encoder.textsPerRun()));
        JsonGenerator json = new JsonFactory().createGenerator(writer)) {
      json.setRootValueSeparator(null);
      return pool.run(texts, TextInput.Text::text, (text, vector) -> {
        try {
          json.writeStartObject();
          json.writeStringField("id", text.id());
          json.writeArrayFieldStart("vector");
          for (float x : vector) {
            json.writeNumber(x);
          }
          json.writeEndArray();
          json.writeEndObject();
          json.writeRaw('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        step(bar);
      });
    }
  }

  private static void step(ProgressBar bar) {
    if (bar != null) {
      bar.step();
    }
  }

  private ProgressBar progressBar(long total, long already) {
    return progressBar(queries ? "encode queries" : "encode", total, already, err);
  }

  /** A documents-per-second bar with an ETA on {@code err}, starting at {@code already} of {@code total}. */
  static ProgressBar progressBar(String task, long total, long already, PrintStream err) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" docs", 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
        .setUpdateIntervalMillis(1000)
        .startsFrom(already, Duration.ZERO)
        .build();
  }

  private ObjectNode manifest(ModelSource model, Path input) {
    ObjectNode m = JSON.createObjectNode();
    m.put("input", input.toAbsolutePath().normalize().toString());
    m.put("queries", queries);
    m.put("encoder", model.config().type().id());
    m.put("model", model.description());
    m.put("modelSha256", model.fingerprint());
    m.set("modelConfig", readTree(model.config().toJson()));
    m.put("layout", layout.name().toLowerCase(java.util.Locale.ROOT));
    m.put("topK", options.topK);
    m.put("threshold", options.threshold);
    m.put("quantize", options.quantize);
    m.put("impactScale", options.impactScale);
    return m;
  }

  /**
   * The manifest keys lsr wrote in snake_case before its JSON became camelCase, each with its name
   * now. Read, never written.
   */
  static final Map<String, String> OLD_MANIFEST_KEYS = Map.of(
      "model_sha256", "modelSha256",
      "model_config", "modelConfig",
      "top_k", "topK",
      "impact_scale", "impactScale");

  /**
   * {@code manifest} with every {@link #OLD_MANIFEST_KEYS old key} under its current name and its
   * model config as {@link lsr.encoder.ModelConfig#toJson} writes it now (the config's own keys were
   * snake_case too; see {@link ModelReference#withCurrentNames}).
   */
  static ObjectNode withCurrentNames(ObjectNode manifest) {
    ObjectNode renamed = JSON.createObjectNode();
    ModelReference.withCurrentNames(manifest).fields().forEachRemaining(e ->
        renamed.set(OLD_MANIFEST_KEYS.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
    return renamed;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new output gets a manifest; an existing one must carry the same manifest, or the run is
   * refused naming the settings that differ. A manifest written with the old snake_case names is
   * compared under the current ones ({@link #withCurrentNames}), so such an output still resumes.
   */
  private static void checkOrWriteManifest(Path out, ObjectNode manifest) throws IOException {
    Path file = manifestOf(out);
    if (Files.exists(out) && Files.size(out) > 0) {
      if (!Files.exists(file)) {
        throw new IllegalStateException(out + " exists but has no " + file.getFileName()
            + ", so it was not written by lsr; delete it or choose another --out");
      }
      ObjectNode previous = withCurrentNames((ObjectNode) JSON.readTree(file.toFile()));
      List<String> differ = new ArrayList<>();
      manifest.fieldNames().forEachRemaining(k -> {
        if (!manifest.get(k).equals(previous.get(k))) {
          differ.add(k + " (" + previous.get(k) + " then, " + manifest.get(k) + " now)");
        }
      });
      if (!differ.isEmpty()) {
        throw new IllegalStateException(out + " was written with other settings: " + String.join("; ", differ)
            + ". Rerun with the same settings to resume, or delete it to start over");
      }
      return;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
