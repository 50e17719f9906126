package lsr.cli;

/** A command was given options that cannot work together; reported with exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
