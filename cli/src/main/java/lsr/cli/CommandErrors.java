package lsr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import lsr.data.InputFormatException;
import lsr.encoder.EncodingException;
import lsr.encoder.InvalidModelException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Turns what a command throws into a one-line message and an exit code: 2 for usage errors (with the
 * command's usage), 1 for everything that went wrong while running. No stack traces for expected
 * failures.
 */
final class CommandErrors {

  /** A command body that may fail. */
  interface Body {
    int run() throws IOException;
  }

  private CommandErrors() {}

  static int run(String command, CommandSpec spec, Body body) {
    try {
      return body.run();
    } catch (UsageException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (NoSuchFileException e) {
      System.err.println("lsr " + command + ": " + e.getFile() + ": "
          + (e.getReason() == null ? "no such file" : e.getReason()));
    } catch (IOException | UncheckedIOException e) {
      System.err.println("lsr " + command + ": " + e.getMessage());
    } catch (InvalidModelException | InputFormatException | EncodingException | IllegalStateException e) {
      System.err.println("lsr " + command + ": " + e.getMessage());
    }
    return Lsr.FAILURE;
  }
}
