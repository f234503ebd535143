package dev.arrowtap.catalog;

import java.util.Objects;

/**
 * How a feed is paged, as declared in the catalog. Only the keys of the chosen style matter; the
 * others keep their defaults.
 *
 * @param pageSize records per page; 0 when the style sends no size
 * @param start the first offset (offset style) or the first page number (page style)
 * @param totalPointer where the body says how many records there are in all, or empty
 * @param prefetch whether offset and page styles request the next page while this one decodes
 * @param mayCapPageSize whether the API may send fewer records than asked while more follow, when
 *     it announces no total: a short first page is then followed by one more request at the API's
 *     size instead of ending the scan
 */
public record PaginationDef(
    Style style,
    String offsetParam,
    String limitParam,
    String pageParam,
    String sizeParam,
    String cursorParam,
    String cursorPointer,
    String nextPointer,
    String totalPointer,
    int pageSize,
    long start,
    boolean prefetch,
    boolean mayCapPageSize) {
  /** The pagination styles real APIs use. */
  public enum Style {
    NONE,
    OFFSET,
    PAGE,
    CURSOR,
    NEXT_URL,
    LINK_HEADER
  }

  public static final PaginationDef NONE =
      new PaginationDef(
          Style.NONE, "offset", "limit", "page", "", "cursor", "", "", "", 0, 0, false, false);

  /** A pagination whose short first page, without a total, ends the scan. */
  public PaginationDef(
      Style style,
      String offsetParam,
      String limitParam,
      String pageParam,
      String sizeParam,
      String cursorParam,
      String cursorPointer,
      String nextPointer,
      String totalPointer,
      int pageSize,
      long start,
      boolean prefetch) {
    this(
        style,
        offsetParam,
        limitParam,
        pageParam,
        sizeParam,
        cursorParam,
        cursorPointer,
        nextPointer,
        totalPointer,
        pageSize,
        start,
        prefetch,
        false);
  }

  public PaginationDef {
    Objects.requireNonNull(style, "style is null");
    if (pageSize < 0) {
      throw new IllegalArgumentException("page_size must not be negative: " + pageSize);
    }
  }
}
