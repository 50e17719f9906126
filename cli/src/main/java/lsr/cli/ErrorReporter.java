package lsr.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure inside a command into one clear line on standard error instead of a stack trace:
 * exit code 2 with the command's usage for options that cannot work together ({@link
 * UsageException}), 1 for everything that went wrong while running. Set {@code LSR_DEBUG=1} to see
 * the stack trace as well.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
    if ("1".equals(System.getenv("LSR_DEBUG"))) {
      e.printStackTrace(command.getErr());
    }
    if (e instanceof UsageException) {
      command.usage(command.getErr());
    }
    command.getErr().flush();
    return e instanceof UsageException ? command.getCommandSpec().exitCodeOnInvalidInput() : Lsr.FAILURE;
  }

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException nsf) {
      return nsf.getReason() == null ? "no such file: " + nsf.getFile() : nsf.getFile() + ": " + nsf.getReason();
    }
    if (e instanceof AccessDeniedException ade) {
      return "permission denied: " + ade.getFile();
    }
    if (e instanceof FileSystemException fse) {
      return fse.getMessage();
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName() + (e.getCause() != null ? ": " + describe(e.getCause()) : "");
    }
    return message;
  }
}
