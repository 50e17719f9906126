package lsr.data;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the body of a Javadoc comment into plain prose: comment stars, HTML tags and entities,
 * inline tags ({@code {@code x}} becomes {@code x}, {@code {@link List#add(Object) add}} becomes
 * {@code add}, without a label {@code List.add}) and reference-only block tags ({@code @author},
 * {@code @since}, {@code @see}, ...) are removed; the prose of {@code @param}, {@code @return},
 * {@code @throws} and the note tags is kept.
 */
public final class JavadocText {

  /** Block tags that carry prose worth searching. */
  private static final Set<String> PROSE_TAGS = Set.of(
      "param", "return", "throws", "exception", "apiNote", "implSpec", "implNote", "deprecated");
  private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\b");
  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|\\w+);");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private JavadocText() {}

  /**
   * The prose of {@code comment}, the text between {@code /**} and {@code *\/} (markers may be
   * included), with whitespace collapsed to single spaces.
   */
  public static String clean(String comment) {
    String body = stripStars(comment);
    body = keepProseTags(body);
    body = inlineTags(body, true);
    body = HTML_TAG.matcher(body).replaceAll(" ");
    body = entities(body);
    return SPACE.matcher(body).replaceAll(" ").strip();
  }

  private static String stripStars(String comment) {
    String c = comment.strip();
    if (c.startsWith("/**")) {
      c = c.substring(3);
    }
    if (c.endsWith("*/")) {
      c = c.substring(0, c.length() - 2);
    }
    StringBuilder sb = new StringBuilder(c.length());
    for (String line : c.split("\n", -1)) {
      String l = line.stripLeading();
      if (l.startsWith("*")) {
        l = l.substring(1);
      }
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /** Drops block tags that only reference (author, since, see, serial, ...); keeps prose tags' text. */
  private static String keepProseTags(String body) {
    Matcher m = BLOCK_TAG.matcher(body);
    StringBuilder sb = new StringBuilder(body.length());
    int end = 0;
    boolean keeping = true;
    while (m.find()) {
      if (keeping) {
        sb.append(body, end, m.start());
      }
      keeping = PROSE_TAGS.contains(m.group(1));
      end = m.end();
    }
    if (keeping) {
      sb.append(body, end, body.length());
    }
    return sb.toString();
  }

  /**
   * Replaces {@code {@tag content}} by its readable part; braces inside may nest. At the top level
   * the result is escaped (see {@link #escapeMarkup}); nested tags are not, or they would be twice.
   */
  private static String inlineTags(String body, boolean top) {
    StringBuilder sb = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      int open = body.indexOf("{@", i);
      if (open < 0) {
        sb.append(body, i, body.length());
        break;
      }
      sb.append(body, i, open);
      int depth = 0;
      int close = open;
      for (; close < body.length(); close++) {
        char ch = body.charAt(close);
        if (ch == '{') {
          depth++;
        } else if (ch == '}' && --depth == 0) {
          break;
        }
      }
      if (close >= body.length()) {
        sb.append(body, open, body.length());
        break;
      }
      String text = readable(body.substring(open + 2, close));
      sb.append(top ? escapeMarkup(text) : text);
      i = close + 1;
    }
    return sb.toString();
  }

  /**
   * Inline tags hold code, whose {@code <} and {@code &} are text, not markup: escaped here, they
   * survive the removal of HTML tags and come back when entities are decoded.
   */
  private static String escapeMarkup(String code) {
    return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String readable(String tag) {
    int space = indexOfWhitespace(tag);
    String name = space < 0 ? tag : tag.substring(0, space);
    String content = space < 0 ? "" : tag.substring(space).strip();
    return switch (name) {
      case "code", "literal", "value", "index", "systemProperty", "summary", "return" -> inlineTags(content, false);
      case "link", "linkplain" -> linkText(content);
      case "snippet" -> content.contains(":") ? content.substring(content.indexOf(':') + 1) : content;
      default -> ""; // inheritDoc, docRoot, serial...: nothing to read
    };
  }

  private static String linkText(String content) {
    // {@link pkg.Type#member(Args) label}: the label when given, else the reference made readable.
    int depth = 0;
    for (int i = 0; i < content.length(); i++) {
      char ch = content.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (Character.isWhitespace(ch) && depth == 0) {
        return inlineTags(content.substring(i).strip(), false);
      }
    }
    String reference = content.replaceAll("\\(.*\\)", "");
    return reference.startsWith("#") ? reference.substring(1) : reference.replace('#', '.');
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The character of a numeric entity ({@code #64}, {@code #x40}), or {@code original} when invalid. */
  private static String codePoint(String entity, String original) {
    try {
      int cp = entity.startsWith("#x") ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
      return Character.isValidCodePoint(cp) ? Character.toString(cp) : original;
    } catch (NumberFormatException e) {
      return original;
    }
  }

  private static String entities(String body) {
    Matcher m = ENTITY.matcher(body);
    StringBuilder sb = new StringBuilder(body.length());
    while (m.find()) {
      String e = m.group(1);
      String replacement = switch (e) {
        case "lt" -> "<";
        case "gt" -> ">";
        case "amp" -> "&";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> " ";
        default -> e.startsWith("#") ? codePoint(e, m.group()) : m.group();
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
