package dev.arrowtap.source.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of a Link-header feed whose first page names its next and last pages with a page number
 * ({@code ?page=2} and {@code ?page=34}, as GitHub does): every page's URL is then known, so pages
 * can be fetched at once like numbered pages.
 *
 * @param next the second page's URL
 * @param parameter the query parameter that carries the page number
 * @param nextNumber the second page's number
 * @param lastNumber the last page's number
 */
record LinkPages(URI next, String parameter, long nextNumber, long lastNumber) {
  /** The link pages, when the two links differ in exactly one whole-number query parameter. */
  static Optional<LinkPages> of(URI next, URI last) {
    if (!next.getRawPath().equals(last.getRawPath())
        || !next.getAuthority().equalsIgnoreCase(last.getAuthority())) {
      return Optional.empty();
    }
    Map<String, String> a = query(next);
    Map<String, String> b = query(last);
    if (!a.keySet().equals(b.keySet())) {
      return Optional.empty();
    }
    String parameter = null;
    for (String name : a.keySet()) {
      if (a.get(name).equals(b.get(name))) {
        continue;
      }
      if (parameter != null
          || !a.get(name).matches("\\d{1,12}")
          || !b.get(name).matches("\\d{1,12}")) {
        return Optional.empty();
      }
      parameter = name;
    }
    if (parameter == null) {
      return Optional.empty();
    }
    long from = Long.parseLong(a.get(parameter));
    long to = Long.parseLong(b.get(parameter));
    return to > from ? Optional.of(new LinkPages(next, parameter, from, to)) : Optional.empty();
  }

  /** Page indexes from 0 (the first page) to this one, inclusive. */
  int lastIndex() {
    return (int) Math.min(Integer.MAX_VALUE, lastNumber - nextNumber + 1);
  }

  /** The URL of page {@code index} (1 is the next page). */
  URI at(int index) {
    Map<String, String> replaced = new LinkedHashMap<>();
    replaced.put(parameter, Long.toString(nextNumber + index - 1));
    return RequestFactory.withRawQuery(next, replaced);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&", -1)) {
        int eq = pair.indexOf('=');
        out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return out;
  }
}
