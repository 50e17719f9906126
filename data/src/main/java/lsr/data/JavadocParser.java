package lsr.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Javadoc comments of one Java source file that document public API, and what each
 * documents: a type (class, interface, enum, record, annotation) or a member (method, constructor,
 * field, enum constant), with the names of the types that enclose it. Public API: a public or
 * protected type whose enclosing types are too, and its public or protected members (every member
 * of an interface, every enum constant). A light lexer, not a compiler: it skips strings, character
 * literals and comments, tracks braces to know the enclosing types, and reads the declaration that
 * follows each comment up to its first {@code {}, {@code ;} or {@code =}.
 */
final class JavadocParser {

  /** What a comment documents. */
  enum Kind {
    TYPE, METHOD, FIELD
  }

  /**
   * One documented declaration.
   *
   * @param kind type, method (or constructor) or field
   * @param owner the enclosing types, outermost first, dot-separated (empty for a top-level type)
   * @param name the simple name
   * @param parameters for methods, the parameter types, comma-separated; empty otherwise
   * @param comment the raw comment, {@code /**} to {@code *\/}
   */
  record Documented(Kind kind, String owner, String name, String parameters, String comment) {}

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("(?:^|[\\s}])(class|interface|enum|record|@\\s*interface)\\s+([\\p{L}_$][\\p{L}\\p{N}_$]*)");
  private static final Pattern ENUM_CONSTANT =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*(\\(.*\\))?\\s*,?", Pattern.DOTALL);
  private static final Pattern VISIBLE = Pattern.compile("(?:^|\\s)(public|protected)\\s");

  /**
   * A type being read: its name, the brace depth of its declaration, whether it is public API, and
   * its kind (members of interfaces and annotations are public without saying so; enum constants
   * always are).
   */
  private record Scope(String name, int depth, boolean exported, String keyword) {
    boolean implicitlyPublicMembers() {
      return keyword.equals("interface") || keyword.startsWith("@");
    }
  }
  private static final Pattern ANNOTATION =
      Pattern.compile("@(?!interface\\b)[\\p{L}_$][\\p{L}\\p{N}_$.]*(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?");
  private static final Pattern IDENTIFIER_BEFORE_PAREN = Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*\\(");
  private static final Pattern LAST_IDENTIFIER = Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*)\\s*(\\[\\s*\\]\\s*)*$");

  private JavadocParser() {}

  /** Every documented declaration of {@code source}, in file order. */
  static List<Documented> parse(String source) {
    List<Documented> found = new ArrayList<>();
    Deque<Scope> types = new ArrayDeque<>();
    StringBuilder statement = new StringBuilder();
    String pendingComment = null;
    int depth = 0;
    int parens = 0;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        if (i + 2 < n && source.charAt(i + 2) == '*' && end - i > 4) {
          if (pendingComment != null && statement.toString().strip().endsWith(",")) {
            // An enum constant, ended by a comma rather than by one of the delimiters below.
            addIfDocumented(found, statement.toString(), depth, types, pendingComment);
          }
          pendingComment = source.substring(i, end);
          statement.setLength(0);
        }
        i = end;
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '"' || c == '\'') {
        i = skipLiteral(source, i);
        statement.append(' ');
      } else if (c == '(' || c == ')') {
        parens += c == '(' ? 1 : -1;
        statement.append(c);
        i++;
      } else if (parens == 0 && (c == '{' || c == ';' || c == '=' || c == '}')) {
        String declaration = statement.toString();
        if (pendingComment != null) {
          addIfDocumented(found, declaration, depth, types, pendingComment);
        }
        pendingComment = null;
        statement.setLength(0);
        if (c == '{') {
          Matcher type = TYPE_DECLARATION.matcher(withoutAnnotations(declaration));
          if (type.find()) {
            boolean exported = (types.isEmpty() || types.peek().exported())
                && (visible(declaration) || (!types.isEmpty() && types.peek().implicitlyPublicMembers()));
            types.push(new Scope(type.group(2), depth, exported, type.group(1)));
          }
          depth++;
        } else if (c == '}') {
          depth--;
          if (!types.isEmpty() && types.peek().depth() == depth) {
            types.pop();
          }
        } else if (c == '=') {
          i = skipInitializer(source, i + 1);
          continue;
        }
        i++;
      } else {
        statement.append(c);
        i++;
      }
    }
    return found;
  }

  private static void addIfDocumented(List<Documented> found, String declaration, int depth, Deque<Scope> types,
      String comment) {
    // Only declarations directly inside a type (or at top level) can be API; not those in bodies.
    if (depth != types.size() || (!types.isEmpty() && !types.peek().exported())) {
      return;
    }
    Scope enclosing = types.peek();
    Documented d = describe(declaration, owner(types), enclosing == null ? null : enclosing.name(), comment);
    if (d == null) {
      return;
    }
    boolean enumConstant = d.kind() == Kind.FIELD && enclosing != null && enclosing.keyword().equals("enum")
        && ENUM_CONSTANT.matcher(withoutAnnotations(declaration).strip()).matches();
    if (visible(declaration) || enumConstant || (enclosing != null && enclosing.implicitlyPublicMembers())) {
      found.add(d);
    }
  }

  private static boolean visible(String declaration) {
    return VISIBLE.matcher(" " + withoutAnnotations(declaration) + " ").find();
  }

  private static String withoutAnnotations(String declaration) {
    return ANNOTATION.matcher(declaration).replaceAll(" ");
  }

  private static String owner(Deque<Scope> types) {
    List<String> outerFirst = new ArrayList<>();
    types.descendingIterator().forEachRemaining(t -> outerFirst.add(t.name()));
    return String.join(".", outerFirst);
  }

  private static Documented describe(String declaration, String owner, String enclosingType, String comment) {
    Matcher type = TYPE_DECLARATION.matcher(withoutAnnotations(declaration));
    String typeName = type.find() ? type.group(2) : null;
    String d = withoutAnnotations(declaration).strip();
    if (d.endsWith(",")) {
      d = d.substring(0, d.length() - 1).strip();
    }
    if (d.isEmpty() || d.startsWith("package ") || d.startsWith("import ") || d.startsWith("module ")) {
      return null;
    }
    if (typeName != null) {
      return new Documented(Kind.TYPE, owner, typeName, "", comment);
    }
    Matcher method = IDENTIFIER_BEFORE_PAREN.matcher(d);
    if (method.find()) {
      if (d.substring(0, method.start()).isBlank() && !method.group(1).equals(enclosingType)) {
        // A name and arguments with no type before them, not a constructor: an enum constant.
        return new Documented(Kind.FIELD, owner, method.group(1), "", comment);
      }
      int open = method.end() - 1;
      int close = d.lastIndexOf(')');
      String params = close > open ? parameterTypes(d.substring(open + 1, close)) : "";
      return new Documented(Kind.METHOD, owner, method.group(1), params, comment);
    }
    Matcher field = LAST_IDENTIFIER.matcher(d);
    return field.find() ? new Documented(Kind.FIELD, owner, field.group(1), "", comment) : null;
  }


  /** {@code final List<String> names, int... counts} becomes {@code List<String>, int...}. */
  private static String parameterTypes(String parameters) {
    List<String> types = new ArrayList<>();
    int angle = 0;
    int start = 0;
    for (int i = 0; i <= parameters.length(); i++) {
      char c = i < parameters.length() ? parameters.charAt(i) : ',';
      if (c == '<') {
        angle++;
      } else if (c == '>') {
        angle--;
      } else if (c == ',' && angle == 0) {
        String p = parameters.substring(start, i).replaceAll("\\bfinal\\b", " ").strip();
        Matcher name = LAST_IDENTIFIER.matcher(p);
        if (name.find() && name.start() > 0) {
          p = p.substring(0, name.start()).strip();
        }
        if (!p.isEmpty()) {
          types.add(p.replaceAll("\\s+", " "));
        }
        start = i + 1;
      }
    }
    return String.join(", ", types);
  }

  private static int skipLiteral(String s, int i) {
    char quote = s.charAt(i);
    if (quote == '"' && s.startsWith("\"\"\"", i)) {
      int end = s.indexOf("\"\"\"", i + 3);
      while (end > 0 && s.charAt(end - 1) == '\\') {
        end = s.indexOf("\"\"\"", end + 1);
      }
      return end < 0 ? s.length() : end + 3;
    }
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == quote || c == '\n') {
        return j + 1;
      } else {
        j++;
      }
    }
    return j;
  }

  /** Skips a field initializer up to its {@code ;} or {@code ,} at nesting level 0, keeping the {@code ;}. */
  private static int skipInitializer(String s, int i) {
    int nesting = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(s, i);
        continue;
      }
      if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '*' || s.charAt(i + 1) == '/')) {
        int end = s.charAt(i + 1) == '*' ? s.indexOf("*/", i + 2) : s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + (s.charAt(i + 1) == '*' ? 2 : 1);
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        nesting++;
      } else if (c == ')' || c == '}' || c == ']') {
        if (nesting == 0) {
          return i;
        }
        nesting--;
      } else if (c == ';' && nesting == 0) {
        return i;
      }
      i++;
    }
    return i;
  }

}
