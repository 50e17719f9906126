package lsr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

  @Test
  void matchesTheStandardTestVector() {
    // FIPS 180-2, example "abc".
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        new Sha256().update("abc".getBytes(StandardCharsets.US_ASCII)).hex());
  }

  @Test
  void aStreamReadInBlocksDigestsLikeItsBytes() throws IOException {
    long seed = Long.getLong("lsr.test.seed", 3L);
    byte[] data = new byte[200_000]; // several read blocks, the last one partial
    new Random(seed).nextBytes(data);
    String streamed = new Sha256().update(new ByteArrayInputStream(data, 0, 150_000))
        .update(new ByteArrayInputStream(data, 150_000, 50_000)).hex();
    assertEquals(new Sha256().update(data).hex(), streamed, "seed " + seed + " (replay with -Dlsr.test.seed=" + seed + ")");
  }
}
