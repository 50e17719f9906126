package lsr.cli;

import lsr.index.bm25.Bm25Params;
import lsr.index.bm25.TextAnalyzer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** BM25's options, shared by the commands that search with BM25. */
final class Bm25Options {

  @Option(names = "--k1", paramLabel = "<k1>", description = "BM25 term-frequency saturation (default: ${DEFAULT-VALUE}).")
  float k1 = Bm25Params.DEFAULTS.k1();

  @Option(names = "--b", paramLabel = "<b>", description = "BM25 length normalization, 0 to 1 (default: ${DEFAULT-VALUE}).")
  float b = Bm25Params.DEFAULTS.b();

  @Option(names = "--analyzer", paramLabel = "<name>", converter = AnalyzerConverter.class,
      description = "Text analysis for BM25: standard (lower-cased words), porter (plus Porter stemming), "
          + "english (plus stemming and English stop words) (default: ${DEFAULT-VALUE}).")
  TextAnalyzer analyzer = TextAnalyzer.DEFAULT;

  /** The parameters; an out-of-range value is a usage error of the command. */
  Bm25Params params(CommandSpec spec) {
    try {
      return new Bm25Params(k1, b);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  static final class AnalyzerConverter implements ITypeConverter<TextAnalyzer> {
    @Override
    public TextAnalyzer convert(String value) {
      return TextAnalyzer.of(value);
    }
  }
}
