package lsr.data;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest fed piece by piece and written as lower-case hex: what lsr keys reusable work by
 * (encoded corpora, model fingerprints). Streams are read in blocks, so large files are never held
 * in memory whole.
 */
public final class Sha256 {

  private final MessageDigest sha;

  public Sha256() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public Sha256 update(byte[] bytes) {
    sha.update(bytes);
    return this;
  }

  /** Adds everything left in {@code in}; the caller closes it. */
  public Sha256 update(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return this;
  }

  /** The digest of everything added, as 64 hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
