package lsr.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Opens text files for the readers and writers of this package. Reading detects gzip by its magic
 * bytes, whatever the file is called; writing compresses when the name ends in {@code .gz}. Text is
 * UTF-8.
 */
public final class InputFiles {

  private static final int BUFFER = 1 << 16;

  private InputFiles() {}

  /** A buffered UTF-8 reader of {@code file}, decompressed when it starts with gzip's magic bytes. */
  public static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), BUFFER);
  }

  /** The bytes of {@code file}, decompressed when it starts with gzip's magic bytes. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      // 0x1f 0x8b opens every gzip member (RFC 1952).
      return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * A buffered UTF-8 writer that creates or replaces {@code file} (and its parent folders),
   * gzip-compressed when the name ends in {@code .gz}.
   */
  public static BufferedWriter writer(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out = Files.newOutputStream(file);
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        out = new GZIPOutputStream(out, BUFFER);
      }
    } catch (IOException e) {
      out.close();
      throw e;
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
  }
}
