package dev.arrowtap.source.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the targets of {@code rel="next"} and {@code rel="last"} from RFC 8288 {@code Link}
 * headers.
 */
final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern REL =
      Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private LinkHeader() {}

  static Optional<String> next(List<String> headers) {
    return target(headers, "next");
  }

  /** The last page's link, where the API tells it (GitHub does). */
  static Optional<String> last(List<String> headers) {
    return target(headers, "last");
  }

  private static Optional<String> target(List<String> headers, String relation) {
    for (String header : headers) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = REL.matcher(link.group(2));
        if (rel.find()) {
          for (String value : rel.group(1).trim().split("\\s+", -1)) {
            if (value.toLowerCase(Locale.ROOT).equals(relation)) {
              return Optional.of(link.group(1).trim());
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
