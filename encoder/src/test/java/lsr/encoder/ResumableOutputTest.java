package lsr.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableOutputTest {

  @Test
  void aMissingFileIsAnEmptyStart(@TempDir Path dir) throws IOException {
    ResumableOutput.State s = ResumableOutput.recover(dir.resolve("none.jsonl"));
    assertEquals(0, s.records());
    assertNull(s.lastId());
  }

  @Test
  void aPartialLastLineIsRemoved(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("v.jsonl");
    String complete = "{\"id\":\"a\",\"vector\":{\"x\":1}}\n{\"id\":7,\"vector\":{\"y\":2}}\n";
    Files.writeString(f, complete + "{\"id\":\"c\",\"vec");
    ResumableOutput.State s = ResumableOutput.recover(f);
    assertEquals(2, s.records());
    assertEquals("7", s.lastId());
    assertEquals("{\"id\":\"c\",\"vec".length(), s.truncatedBytes());
    assertEquals(complete, Files.readString(f));
  }

  @Test
  void aCompleteFileIsLeftAlone(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("v.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"vector\":[0.5]}\n");
    ResumableOutput.State s = ResumableOutput.recover(f);
    assertEquals(new ResumableOutput.State(1, "a", 0), s);
  }

  @Test
  void aForeignFileIsRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("v.jsonl");
    Files.writeString(f, "not json at all\n");
    IOException e = assertThrows(IOException.class, () -> ResumableOutput.recover(f));
    assertTrue(e.getMessage().contains("line 1: the last complete line has no \"id\""), e.getMessage());
  }
}
