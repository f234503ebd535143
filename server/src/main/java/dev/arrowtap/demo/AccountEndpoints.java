package dev.arrowtap.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The endpoints of the seed-003 scenario: a paged listing of accounts (the driving query), the
 * accounts by id, many ids a request (P), log entries of one account a request (A, readable only
 * per id), and resources (R) and statuses (S) of many accounts a request.
 */
final class AccountEndpoints {
  /** The most ids one request of P, R or S takes (the catalog may ask for fewer). */
  static final int MAX_IDS = 1_000;

  private AccountEndpoints() {}

  /** {@code GET /api/accounts?offset=&limit=}: {@code {"data": [...], "total": 2000}}. */
  static DemoEndpoint listing() {
    return request -> {
      int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
      int limit = request.intParam("limit", 100, 1, DemoEndpoint.MAX_PAGE_SIZE);
      List<AccountData.Account> page = new ArrayList<>();
      for (long id = offset + 1L; id <= Math.min(AccountData.LISTED, (long) offset + limit); id++) {
        page.add(AccountData.account(id));
      }
      return DemoResponse.json(new Page<>(page, AccountData.LISTED));
    };
  }

  /** {@code GET /api/accounts/by_id?id=1,2,3}: one account per id. */
  static DemoEndpoint byId() {
    return request -> many(request, "id", id -> List.of(AccountData.account(id)));
  }

  /** {@code GET /api/logs?account_id=5}: one account's log entries; a list of ids is refused. */
  static DemoEndpoint logs() {
    return request -> {
      List<Long> ids = ids(request, "account_id");
      if (ids.size() != 1) {
        throw new DemoRequest.BadParameterException(
            "query parameter 'account_id' takes exactly one id");
      }
      return DemoResponse.json(AccountData.logs(ids.get(0)));
    };
  }

  /** {@code GET /api/resources?account_id=1,2,3}. */
  static DemoEndpoint resources() {
    return request -> many(request, "account_id", AccountData::resources);
  }

  /** {@code GET /api/statuses?account_id=1,2,3}. */
  static DemoEndpoint statuses() {
    return request -> many(request, "account_id", AccountData::statuses);
  }

  private static DemoResponse many(DemoRequest request, String name, LongFunction<List<?>> rowsOf) {
    List<Object> rows = new ArrayList<>();
    for (long id : ids(request, name)) {
      rows.addAll(rowsOf.apply(id));
    }
    return DemoResponse.json(new Page<>(rows, rows.size()));
  }

  private static List<Long> ids(DemoRequest request, String name) {
    String value =
        request
            .param(name)
            .orElseThrow(
                () ->
                    new DemoRequest.BadParameterException(
                        "query parameter '" + name + "' is required"));
    String[] parts = value.split(",", -1);
    if (parts.length > MAX_IDS) {
      throw new DemoRequest.BadParameterException(
          "query parameter '" + name + "' takes at most " + MAX_IDS + " ids");
    }
    List<Long> ids = new ArrayList<>();
    for (String part : parts) {
      try {
        long id = Long.parseLong(part.trim());
        if (id < 1) {
          throw new NumberFormatException();
        }
        ids.add(id);
      } catch (NumberFormatException e) {
        throw new DemoRequest.BadParameterException(
            "query parameter '" + name + "' wants positive ids, got '" + part + "'");
      }
    }
    return ids;
  }

  record Page<T>(List<T> data, int total) {}
}
