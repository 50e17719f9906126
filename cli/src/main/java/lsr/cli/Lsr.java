package lsr.cli;

import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lsr} command: a learned sparse retrieval engine. Subcommands do the work. */
@Command(
    name = "lsr",
    mixinStandardHelpOptions = true,
    version = "lsr 0.1.0",
    description = "Learned sparse retrieval: encode, index, search, serve and evaluate.",
    subcommands = {CommandLine.HelpCommand.class, EncodeCommand.class, EncodeBenchCommand.class, IndexCommand.class,
        EvalCommand.class, DemoCommand.class, BenchCommand.class, GenSparseCommand.class, TrainLtrCommand.class,
        ServeCommand.class, DeleteCommand.class, MergeCommand.class, InfoCommand.class, BenchCollectionCommand.class})
public final class Lsr implements Callable<Integer> {

  /** Exit code for a command that ran and failed (usage errors exit 2, as picocli does). */
  public static final int FAILURE = 1;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Held so the level set in {@link #main} is not lost when the logger is collected. */
  private static Logger luceneLog;

  public static void main(String[] args) {
    // Lucene logs its use of the Vector API at every start; users need to see only its warnings.
    luceneLog = Logger.getLogger("org.apache.lucene");
    luceneLog.setLevel(Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Lsr()).setExecutionExceptionHandler(new ErrorReporter());
  }
}
