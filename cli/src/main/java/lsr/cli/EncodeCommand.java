package lsr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lsr.data.VectorJsonlLayout;
import lsr.encoder.ModelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lsr encode}: texts in, one vector per text out, as JSON lines. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
        "Encodes every document (or, with --queries, every query) of an id<TAB>text TSV or a BEIR folder"
            + " and writes one JSON line per text: {\"id\": ..., \"vector\": {token: weight, ...}} for"
            + " splade and unicoil, {\"id\": ..., \"vector\": [x, ...]} for dense.",
        "Resumable: rerun the same command after an interruption and it continues after the last complete"
            + " line (a manifest beside the output records the settings; other settings are refused)."})
final class EncodeCommand implements Callable<Integer> {

  @Mixin
  EncoderOptionsMixin encoder = new EncoderOptionsMixin();

  @Option(names = "--encoder", paramLabel = "splade|unicoil|dense", converter = EncoderOptionsMixin.ModelTypeConverter.class,
      description = "What the model computes: splade, unicoil (sparse term weights) or dense (a bi-encoder).")
  ModelType type;

  @Option(names = "--input", required = true, paramLabel = "<tsv|BEIR folder>",
      description = "An id<TAB>text file (MS MARCO collection or queries; plain or gzip) or a BEIR folder.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "<vectors.jsonl>", description = "The JSON-lines output.")
  Path out;

  @Option(names = "--queries", description = "Encode queries (queries.jsonl of a BEIR folder; query-side"
      + " encoding: uniCOIL sums repeated terms, dense models add their query prefix).")
  boolean queries;

  @Option(names = "--layout", paramLabel = "anserini|seismic",
      description = "Sparse output layout: anserini (text field \"contents\") or seismic (\"content\", numeric ids as"
          + " numbers). Default: ${DEFAULT-VALUE}.")
  String layout = "anserini";

  @Override
  public Integer call() throws IOException {
    if (type == null) {
      throw new UsageException("--encoder splade|unicoil|dense is required");
    }
    EncodingJob job = new EncodingJob(encoder, encoder.modelSource(type), queries, layout(layout), System.err);
    EncodingJob.Outcome o = job.run(input, out);
    if (!encoder.quiet) {
      System.err.printf("lsr encode: %,d texts in %s (%,d encoded now in %.1f s, %.1f texts/s; %,d from an"
              + " earlier run)%n", o.total(), out, o.encoded(), o.seconds(), o.perSecond(), o.resumedFrom());
    }
    return 0;
  }

  static VectorJsonlLayout layout(String name) {
    return switch (name) {
      case "anserini" -> VectorJsonlLayout.ANSERINI;
      case "seismic" -> VectorJsonlLayout.SEISMIC;
      default -> throw new UsageException("--layout must be anserini or seismic, got '" + name + "'");
    };
  }
}
