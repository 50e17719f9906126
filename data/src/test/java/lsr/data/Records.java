package lsr.data;

import java.util.ArrayList;
import java.util.List;

/** Test helper: drains and closes a reader. */
final class Records {

  private Records() {}

  static <T> List<T> readAll(RecordReader<T> reader) {
    List<T> out = new ArrayList<>();
    try (reader) {
      reader.forEach(out::add);
    }
    return out;
  }
}
