package lsr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavadocTest {

  @TempDir Path dir;

  static final String SHAPES = """
      package demo.shapes;

      import java.util.List;

      /**
       * A <b>shape</b> on the plane, see {@link Circle#area() the area}.
       * Use {@code Shape.of("x")} &amp; friends.
       *
       * @author Somebody
       * @since 1.0
       * @see Circle
       */
      public abstract class Shape {
        /** The number of sides; {@literal <}= 0 for curves. */
        public static final int SIDES = compute("a;b", '{');

        /** Private helper, not API. */
        private static int compute(String s, char c) { return 0; }

        /**
         * Makes a shape.
         * @param name the shape's name
         * @return a new shape
         * @throws IllegalArgumentException when {@code name} is unknown
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public static <T extends Shape> T of(final String name, List<? extends T> known, int... sizes) {
          Runnable r = () -> { /** not a member */ int x = 1; };
          return null;
        }

        /** Kinds of shapes. */
        public enum Kind {
          /** Round. */
          ROUND("r"),
          /** Angular. */
          ANGULAR("a");

          Kind(String code) {}
        }

        /** A circle. */
        public static final class Circle extends Shape {
          /** Makes a circle. */
          public Circle() {}
          /** The area, {@inheritDoc} */
          public double area() { return 0; }
        }

        /** Hidden nested type. */
        static class Hidden {
          /** Public, but inside a hidden type. */
          public void visibleMethod() {}
        }

        /** {@inheritDoc} */
        public String toString() { return "\\"}"; }
      }

      /** Package-private top-level type. */
      interface Internal {
        /** Not API either. */
        void run();
      }
      """;

  @Test
  void parserFindsPublicApiWithOwnersAndParameterTypes() {
    List<String> found = new ArrayList<>();
    for (JavadocParser.Documented d : JavadocParser.parse(SHAPES)) {
      found.add(d.kind() + " " + (d.owner().isEmpty() ? "" : d.owner() + "#") + d.name()
          + (d.kind() == JavadocParser.Kind.METHOD ? "(" + d.parameters() + ")" : ""));
    }
    assertEquals(List.of(
        "TYPE Shape",
        "FIELD Shape#SIDES",
        "METHOD Shape#of(String, List<? extends T>, int...)",
        "TYPE Shape#Kind",
        "FIELD Shape.Kind#ROUND",
        "FIELD Shape.Kind#ANGULAR",
        "TYPE Shape#Circle",
        "METHOD Shape.Circle#Circle()",
        "METHOD Shape.Circle#area()",
        "METHOD Shape#toString()"), found);
  }

  @Test
  void textKeepsProseAndDropsMarkupAndReferenceTags() {
    assertEquals("A shape on the plane, see the area. Use Shape.of(\"x\") & friends.",
        JavadocText.clean(JavadocParser.parse(SHAPES).get(0).comment()));
    assertEquals("Makes a shape. name the shape's name a new shape IllegalArgumentException when name is unknown",
        JavadocText.clean(JavadocParser.parse(SHAPES).get(2).comment()));
    assertEquals("See java.util.List.add and remove; x &#xZZ; @ ok",
        JavadocText.clean("/** See {@link java.util.List#add(Object)} and {@linkplain #remove(int) remove}; "
            + "x &#xZZ; &#64; <i>ok</i> {@docRoot} */"));
    assertEquals("", JavadocText.clean("/** {@inheritDoc}\n * @since 9 */"));
    assertEquals("implement the BinaryOperator<Filter> interface",
        JavadocText.clean("/** implement the {@link BinaryOperator {@literal BinaryOperator<Filter>}} interface */"));
  }

  @Test
  void corpusStreamsDocumentsFromASourceArchive() throws IOException {
    Path zip = dir.resolve("src.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "demo.mod/demo/shapes/Shape.java", SHAPES);
      put(out, "demo.mod/demo/shapes/package-info.java", "/** Shapes and their areas. */\npackage demo.shapes;\n");
      put(out, "demo.mod/demo/internal/Secret.java", "/** Internal. */\npublic class Secret {}\n");
      put(out, "demo.mod/module-info.java", "/** A module. */\nmodule demo.mod {}\n");
      put(out, "demo.mod/demo/shapes/Overloads.java", """
          package demo.shapes;
          /** Overloads. */
          public interface Overloads {
            /** First. */
            void f(java.util.List<String> a);
            /** Second, same erasure-free id. */
            void f(java.util.List<String>  a);
          }
          """);
    }
    List<Document> docs = Records.readAll(JavadocCorpus.open(zip));
    Map<String, Document> byId = new java.util.LinkedHashMap<>();
    docs.forEach(d -> byId.put(d.id(), d));
    assertEquals(docs.size(), byId.size(), "ids are unique");
    assertEquals(new Document("demo.shapes.Shape", "Shape (demo.shapes)",
        "A shape on the plane, see the area. Use Shape.of(\"x\") & friends."), byId.get("demo.shapes.Shape"));
    assertEquals("Shape#of(String, List<? extends T>, int...)", byId.get("demo.shapes.Shape#of(String,List<?extendsT>,int...)").title());
    assertEquals("Shape.Circle#area()", byId.get("demo.shapes.Shape.Circle#area()").title());
    assertEquals("The area,", byId.get("demo.shapes.Shape.Circle#area()").text());
    assertEquals("package demo.shapes", byId.get("demo.shapes").title());
    assertTrue(byId.containsKey("demo.shapes.Overloads#f(java.util.List<String>)~2"), byId.keySet().toString());
    assertFalse(byId.containsKey("demo.shapes.Shape#toString()"), "a comment with no prose is no document");
    assertTrue(byId.keySet().stream().noneMatch(id -> id.contains("Secret") || id.contains("mod")), byId.keySet().toString());
  }

  @Test
  void missingArchiveIsAClearError() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> JavadocCorpus.open(dir.resolve("none.zip")));
    assertTrue(e.getReason().contains("lib/src.zip"), e.getReason());
  }

  @Test
  void readsTheRunningJdksSources() throws IOException {
    Path src = JavadocCorpus.runningJdkSources();
    assumeTrue(Files.isRegularFile(src), "skipped: this JDK has no " + src);
    try (JavadocCorpus corpus = JavadocCorpus.open(src)) {
      int n = 0;
      while (corpus.hasNext() && n < 2000) {
        Document d = corpus.next();
        assertFalse(d.text().isBlank(), d.id());
        assertFalse(d.text().contains("{@"), d.id() + ": " + d.text());
        assertFalse(d.id().chars().anyMatch(Character::isWhitespace), d.id());
        n++;
      }
      assertEquals(2000, n);
    }
  }

  private static void put(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    OutputStream o = out;
    o.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
