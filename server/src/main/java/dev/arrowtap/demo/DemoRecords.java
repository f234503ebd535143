package dev.arrowtap.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record types the demo API serves; field names become snake_case in JSON ({@code signupAt} is
 * {@code signup_at}).
 */
final class DemoRecords {
  private DemoRecords() {}

  record Address(String city, String zip) {}

  record User(
      long id,
      String name,
      String email,
      String signupAt,
      boolean active,
      double score,
      Address address,
      List<String> tags,
      String country) {
    User {
      tags = List.copyOf(tags);
    }
  }

  record Order(
      long id, long userId, double amount, String currency, String status, String createdAt) {}

  record Event(long id, long userId, String type, String at, Map<String, Object> payload) {
    Event {
      // A LinkedHashMap keeps the payload's keys in a fixed order, so the JSON is byte-stable.
      payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
  }

  record Product(String sku, String name, double price, boolean inStock, String released) {}

  record Ticket(long id, long userId, String subject, String priority, String openedAt) {}
}
