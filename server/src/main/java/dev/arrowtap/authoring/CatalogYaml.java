package dev.arrowtap.authoring;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a catalog as YAML with comments: maps of scalars in flow style on one line, everything
 * else in block style, strings quoted wherever YAML could read them as something else.
 */
final class CatalogYaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_ <>/.-]*");
  private static final Set<String> YAML_WORDS =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

  private final StringBuilder out = new StringBuilder();

  private CatalogYaml() {}

  /** The YAML text of a document: header comment lines, then the map. */
  static String write(List<String> header, Map<String, ?> document) {
    CatalogYaml yaml = new CatalogYaml();
    for (String line : header) {
      yaml.comment(0, line);
    }
    yaml.map(0, document);
    return yaml.out.toString();
  }

  private void map(int indent, Map<String, ?> map) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Commented commented) {
        commented.comments().forEach(line -> comment(indent, line));
        value = commented.value();
      }
      pad(indent).append(key(entry.getKey())).append(':');
      block(indent, value);
    }
  }

  /** A value after {@code key:}: inline when it fits on the line, else on the lines below. */
  private void block(int indent, Object value) {
    if (isInline(value)) {
      out.append(' ').append(inline(value)).append('\n');
    } else if (value instanceof Map<?, ?> map) {
      out.append('\n');
      map(indent + 2, cast(map));
    } else {
      out.append('\n');
      list(indent + 2, (List<?>) value);
    }
  }

  private void list(int indent, List<?> list) {
    for (Object item : list) {
      if (item instanceof Commented commented) {
        commented.comments().forEach(line -> comment(indent, line));
        item = commented.value();
      }
      if (isInline(item)) {
        pad(indent).append("- ").append(inline(item)).append('\n');
      } else if (item instanceof Map<?, ?> map) {
        // The first key goes on the dash's line, the others below it at the same column; comments
        // before the first key go above the dash.
        int mark = out.length();
        map(indent + 2, cast(map));
        String[] lines = out.substring(mark).split("\n", -1);
        out.setLength(mark);
        int first = 0;
        while (lines[first].strip().startsWith("#")) {
          pad(indent).append(lines[first].strip()).append('\n');
          first++;
        }
        pad(indent).append("- ").append(lines[first].substring(indent + 2)).append('\n');
        for (int i = first + 1; i < lines.length - 1; i++) {
          out.append(lines[i]).append('\n');
        }
      } else {
        throw new IllegalArgumentException("a list of lists is not part of a catalog");
      }
    }
  }

  private static boolean isInline(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().allMatch(CatalogYaml::isScalarOrScalarList)
          && inlineLength(map) <= 100;
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() || list.stream().allMatch(CatalogYaml::isScalar);
    }
    return isScalar(value);
  }

  private static int inlineLength(Map<?, ?> map) {
    return inline(map).length();
  }

  private static boolean isScalarOrScalarList(Object value) {
    return isScalar(value)
        || (value instanceof List<?> list && list.stream().allMatch(CatalogYaml::isScalar));
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static String inline(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{ ");
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        text.append(first ? "" : ", ")
            .append(key((String) entry.getKey()))
            .append(": ")
            .append(inline(entry.getValue()));
        first = false;
      }
      return text.append(" }").toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(inline(list.get(i)));
      }
      return text.append(']').toString();
    }
    if (value instanceof String text) {
      return scalar(text);
    }
    return String.valueOf(value);
  }

  private static String key(String key) {
    return scalar(key);
  }

  /** A string as YAML reads it back: plain when safe, else a JSON (double-quoted YAML) string. */
  static String scalar(String text) {
    if (PLAIN.matcher(text).matches()
        && !text.endsWith(" ")
        && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
      return text;
    }
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }

  private void comment(int indent, String line) {
    pad(indent).append(line.isEmpty() ? "#" : "# " + line).append('\n');
  }

  private StringBuilder pad(int indent) {
    return out.append(" ".repeat(indent));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
