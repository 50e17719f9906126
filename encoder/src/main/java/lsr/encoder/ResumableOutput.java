package lsr.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON-lines output of an encoding run, which may have been cut short by a kill at any moment.
 * Records are written in input order, one line each, so the file always holds a prefix of the
 * complete output, perhaps followed by a partial line. {@link #recover} drops that partial line and
 * reports how many records are complete and the id of the last one; the run then skips that many
 * input records and appends the rest. No record is lost or written twice.
 *
 * <p>Records are appended through the operating system's page cache; a killed process loses nothing
 * it wrote. (Surviving a power cut would need an fsync per chunk; a machine crash simply means
 * re-encoding the chunks after the last complete line.)
 */
public final class ResumableOutput {

  /**
   * What an existing output holds.
   *
   * @param records complete lines
   * @param lastId the {@code "id"} of the last complete line, or null when there is none
   * @param truncatedBytes bytes of a partial last line that were removed
   */
  public record State(long records, String lastId, long truncatedBytes) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResumableOutput() {}

  /**
   * Counts the complete lines of {@code file} (an empty state when it does not exist), truncates a
   * partial last line, and reads the last complete line's id.
   *
   * @throws IOException when the file cannot be read or its last complete line has no id
   */
  public static State recover(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new State(0, null, 0);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      long records = 0;
      long endOfLastLine = 0;
      long startOfLastLine = 0;
      byte[] buffer = new byte[1 << 16];
      long position = 0;
      raf.seek(0);
      for (int n; (n = raf.read(buffer)) > 0; position += n) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            records++;
            startOfLastLine = endOfLastLine;
            endOfLastLine = position + i + 1;
          }
        }
      }
      long truncated = length - endOfLastLine;
      if (truncated > 0) {
        raf.setLength(endOfLastLine);
      }
      String lastId = null;
      if (records > 0) {
        byte[] line = new byte[(int) (endOfLastLine - startOfLastLine)];
        raf.seek(startOfLastLine);
        raf.readFully(line);
        JsonNode id = null;
        try {
          id = JSON.readTree(new String(line, StandardCharsets.UTF_8)).get("id");
        } catch (IOException e) {
          // reported below
        }
        if (id == null || id.isNull()) {
          throw new IOException(file + " line " + records + ": the last complete line has no \"id\"; "
              + "this file was not written by lsr encode, or was changed since; delete it to start over");
        }
        lastId = id.asText();
      }
      return new State(records, lastId, truncated);
    }
  }
}
