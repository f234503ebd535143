package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.Product;
import java.util.List;

/**
 * {@code GET /api/products?page=&per_page=}: page-number pagination from page 1, answering {@code
 * {"items": [...]}}; a page past the end is empty.
 */
final class ProductsEndpoint implements DemoEndpoint {
  static final int DEFAULT_PER_PAGE = 100;

  private final List<Product> products;

  ProductsEndpoint(List<Product> products) {
    this.products = List.copyOf(products);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    int page = request.intParam("page", 1, 1, Integer.MAX_VALUE);
    int perPage = request.intParam("per_page", DEFAULT_PER_PAGE, 1, MAX_PAGE_SIZE);
    long from = (long) (page - 1) * perPage;
    return DemoResponse.json(new Page(DemoEndpoint.slice(products, from, perPage)));
  }

  record Page(List<Product> items) {}
}
