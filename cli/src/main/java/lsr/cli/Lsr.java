package lsr.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lsr} command: a learned sparse retrieval engine. Subcommands do the work. */
@Command(
    name = "lsr",
    mixinStandardHelpOptions = true,
    version = "lsr 0.1.0",
    description = "Learned sparse retrieval: encode, index, search, serve and evaluate.",
    subcommands = {CommandLine.HelpCommand.class, EncodeCommand.class, EncodeBenchCommand.class,
        EvalCommand.class})
public final class Lsr implements Callable<Integer> {

  /** Exit code for a command that ran and failed (usage errors exit 2, as picocli does). */
  public static final int FAILURE = 1;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Lsr()).setExecutionExceptionHandler(new ErrorReporter());
  }
}
