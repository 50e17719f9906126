package lsr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import lsr.data.ErrorPolicy;
import lsr.encoder.EncoderOptions;
import lsr.encoder.Encoders;
import lsr.encoder.ModelSource;
import lsr.encoder.ModelType;
import lsr.encoder.ParallelEncoding;
import lsr.encoder.TextKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code lsr encode-bench}: encoding throughput of one or more models on the same texts, as the
 * collection encoder runs them (a fixed pool of threads sharing one session), with CPU time and
 * peak memory, written as a JSON report.
 */
@Command(
    name = "encode-bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures documents per second (wall and per core) and peak memory of encoders over the first"
            + " --docs texts of an input, after a warm-up. Prints a table and writes a JSON report.",
        "Peak memory is the process's resident high-water mark: bench one model per run to attribute it."})
final class EncodeBenchCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "<folder|name>",
      description = "A model to measure (repeatable): a model folder, a shipped model or a built-in bi-encoder.")
  List<String> models;

  @Option(names = "--input", required = true, paramLabel = "<tsv|BEIR folder>", description = "Texts to encode.")
  Path input;

  @Option(names = "--docs", paramLabel = "<n>", description = "Texts timed per model. Default: ${DEFAULT-VALUE}.")
  int docs = 1000;

  @Option(names = "--warmup", paramLabel = "<n>", description = "Texts encoded before timing. Default: ${DEFAULT-VALUE}.")
  int warmup = 64;

  @Option(names = "--threads", paramLabel = "<n>", description = "Worker threads. Default: the number of processors.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--batch-size", paramLabel = "<n>", description = "Texts per ONNX run at most. Default: ${DEFAULT-VALUE}.")
  int batchSize = EncoderOptions.DEFAULT_BATCH_SIZE;

  @Option(names = "--max-batch-tokens", paramLabel = "<n>",
      description = "Padded tokens per ONNX run at most. Default: ${DEFAULT-VALUE}.")
  int maxBatchTokens = EncoderOptions.DEFAULT_MAX_BATCH_TOKENS;

  @Option(names = "--max-length", paramLabel = "<tokens>", description = "Override the models' maxLength.")
  Integer maxLength;

  @Option(names = "--json", paramLabel = "<file>", description = "Where to write the JSON report.")
  Path json;

  @Override
  public Integer call() throws IOException {
    if (docs < 1 || threads < 1 || batchSize < 1 || warmup < 0) {
      throw new UsageException("--docs, --threads and --batch-size must be >= 1, --warmup >= 0");
    }
    List<String> texts = readTexts();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode report = mapper.createObjectNode();
    ObjectNode machine = report.putObject("machine");
    machine.put("processors", Runtime.getRuntime().availableProcessors());
    machine.put("loadAverageAtStart", os.getSystemLoadAverage());
    machine.put("input", input.toString());
    ArrayNode results = report.putArray("results");
    System.out.printf("%-24s %-8s %7s %6s %7s %9s %11s %14s %10s %12s%n", "model", "encoder", "threads", "docs",
        "tokens", "seconds", "docs/s", "docs/s/thread", "docs/cpu-s", "peak RSS MB");
    for (String spec : models) {
      results.add(measure(spec, texts, os, mapper));
    }
    machine.put("loadAverageAtEnd", os.getSystemLoadAverage());
    System.out.printf("load average %.2f at start, %.2f at end, %d processors%n",
        machine.get("loadAverageAtStart").asDouble(), os.getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    if (json != null) {
      mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
    }
    return 0;
  }

  private List<String> readTexts() throws IOException {
    List<String> texts = new ArrayList<>(docs + warmup);
    try (TextInput in = TextInput.open(input, false, ErrorPolicy.strict())) {
      while (in.hasNext() && texts.size() < docs + warmup) {
        texts.add(in.next().text());
      }
    }
    if (texts.size() <= warmup) {
      throw new UsageException(input + " has only " + texts.size() + " texts; lower --warmup or --docs");
    }
    return texts;
  }

  private ObjectNode measure(String spec, List<String> texts, OperatingSystemMXBean os, ObjectMapper mapper)
      throws IOException {
    ModelSource model = ModelSource.resolve(spec);
    if (maxLength != null) {
      model = model.withConfig(model.config().withMaxLength(maxLength));
    }
    EncoderOptions options = EncoderOptions.defaults().withBatchSize(batchSize).withMaxBatchTokens(maxBatchTokens);
    List<String> warm = texts.subList(0, Math.min(warmup, texts.size()));
    List<String> timed = texts.subList(warm.size(), texts.size());
    ObjectNode r = mapper.createObjectNode();
    r.put("model", spec);
    r.put("source", model.description());
    r.put("encoder", model.config().type().id());
    r.put("threads", threads);
    r.put("batchSize", batchSize);
    r.put("maxBatchTokens", maxBatchTokens);
    r.put("maxLength", model.config().maxLength());
    long tokens = 0;
    try (var tokenizer = model.tokenizer()) {
      for (String text : timed) {
        String prefix = model.config().passagePrefix();
        tokens += tokenizer.encode(prefix.isEmpty() ? text : prefix + text).length;
      }
    }
    r.put("meanTokens", (double) tokens / timed.size());
    double seconds;
    double cpuSeconds;
    if (model.config().type() == ModelType.DENSE) {
      try (var encoder = Encoders.dense(model, options)) {
        encoder.encode(warm, TextKind.PASSAGE);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        run(list -> encoder.encode(list, TextKind.PASSAGE), timed, encoder.textsPerRun());
        seconds = (System.nanoTime() - t0) / 1e9;
        cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
      }
    } else {
      try (var encoder = Encoders.sparse(model, options)) {
        encoder.encode(warm, TextKind.PASSAGE);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var vectors = run(list -> encoder.encode(list, TextKind.PASSAGE), timed, encoder.textsPerRun());
        seconds = (System.nanoTime() - t0) / 1e9;
        cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        long nonzeros = 0;
        for (var v : vectors) {
          nonzeros += v.size();
        }
        r.put("meanNonzeros", (double) nonzeros / vectors.size());
      }
    }
    r.put("docs", timed.size());
    r.put("seconds", seconds);
    r.put("docsPerSecond", timed.size() / seconds);
    r.put("docsPerSecondPerThread", timed.size() / seconds / threads);
    r.put("docsPerCpuSecond", timed.size() / cpuSeconds);
    long rss = peakResidentBytes();
    r.put("peakRssBytes", rss);
    r.put("peakHeapBytes", peakHeapBytes());
    System.out.printf("%-24s %-8s %7d %6d %7.1f %9.1f %11.1f %14.1f %10.1f %12.0f%n", spec, r.get("encoder").asText(),
        threads, timed.size(), (double) tokens / timed.size(), seconds, timed.size() / seconds, timed.size() / seconds / threads,
        timed.size() / cpuSeconds, rss / 1048576.0);
    return r;
  }

  private <R> List<R> run(Function<List<String>, List<R>> encode, List<String> texts, int textsPerRun) {
    List<R> out = new ArrayList<>(texts.size());
    try (ParallelEncoding<R> pool = new ParallelEncoding<>(encode, threads, ParallelEncoding.chunkSize(textsPerRun))) {
      pool.run(texts.iterator(), Function.identity(), (text, result) -> out.add(result));
    }
    return out;
  }

  /** The resident-set high-water mark of this process (VmHWM), or -1 where /proc is unavailable. */
  static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no resident-set figure
    }
    return -1;
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
