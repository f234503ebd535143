package dev.arrowtap.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed-003 scenario's data, computed from each account id so that any id (up to millions)
 * answers without storing anything: one account per id (the primary table P), and per account many
 * log entries (A, the most rows), resources (R) and statuses (S, none for some ids).
 */
final class AccountData {
  /** How many accounts the listing {@code /api/accounts} shows. */
  static final int LISTED = 2_000;

  private static final String[] TIERS = {"free", "team", "enterprise"};
  private static final String[] REGIONS = {"eu", "us", "apac", "latam"};
  private static final String[] KINDS = {"cpu", "disk", "memory", "network"};
  private static final String[] STATES = {"active", "suspended", "review"};

  private AccountData() {}

  record Account(long id, String name, String tier, String region) {}

  record LogEntry(long accountId, int seq, int severity, String message) {}

  record Resource(long accountId, String kind, long allocation) {}

  record Status(long accountId, String state, int updatedDay) {}

  static Account account(long id) {
    return new Account(
        id,
        "account " + id,
        TIERS[(int) (id % TIERS.length)],
        REGIONS[(int) (id / 7 % REGIONS.length)]);
  }

  /** 1 to 10 entries: A has the most rows per id. */
  static List<LogEntry> logs(long id) {
    List<LogEntry> out = new ArrayList<>();
    for (int seq = 1; seq <= 1 + id % 10; seq++) {
      out.add(
          new LogEntry(id, seq, (int) ((id * 31 + seq * 7L) % 24), "event " + seq + " of " + id));
    }
    return out;
  }

  /** 1 to 4 resources. */
  static List<Resource> resources(long id) {
    List<Resource> out = new ArrayList<>();
    for (int i = 0; i <= id % 4; i++) {
      out.add(new Resource(id, KINDS[i], (id * 13 + i * 101L) % 1000));
    }
    return out;
  }

  /** 0 to 2 statuses: an account with none has no row in S. */
  static List<Status> statuses(long id) {
    List<Status> out = new ArrayList<>();
    for (int i = 0; i < id % 3; i++) {
      out.add(new Status(id, STATES[(int) ((id + i) % STATES.length)], (int) (id % 28) + i));
    }
    return out;
  }
}
