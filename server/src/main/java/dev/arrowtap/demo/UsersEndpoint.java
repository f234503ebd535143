package dev.arrowtap.demo;

import dev.arrowtap.demo.DemoRecords.User;
import java.util.List;

/**
 * {@code GET /api/users?offset=&limit=}: offset pagination, answering {@code {"data": [...],
 * "total": 250}}.
 */
final class UsersEndpoint implements DemoEndpoint {
  static final int DEFAULT_LIMIT = 100;

  private final List<User> users;

  UsersEndpoint(List<User> users) {
    this.users = List.copyOf(users);
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    int offset = request.intParam("offset", 0, 0, Integer.MAX_VALUE);
    int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_PAGE_SIZE);
    return DemoResponse.json(new Page(DemoEndpoint.slice(users, offset, limit), users.size()));
  }

  record Page(List<User> data, int total) {}
}
