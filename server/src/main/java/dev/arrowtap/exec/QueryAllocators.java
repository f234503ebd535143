package dev.arrowtap.exec;

import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One Arrow allocator per running query, limited to the query's memory, shared by the query's scans
 * (each takes a child) and closed when the last of them closes.
 */
final class QueryAllocators {
  private final BufferAllocator root;
  private final Map<Long, Shared> byQuery = new HashMap<>();

  private static final class Shared {
    final BufferAllocator allocator;
    int users;

    Shared(BufferAllocator allocator) {
      this.allocator = allocator;
    }
  }

  QueryAllocators(BufferAllocator root) {
    this.root = root;
  }

  /** A scan's allocator under query {@code queryId}'s, which is limited to {@code limit} bytes. */
  synchronized BufferAllocator open(long queryId, String scan, long limit) {
    Shared shared =
        byQuery.computeIfAbsent(
            queryId, id -> new Shared(root.newChildAllocator("query " + id, 0, limit)));
    BufferAllocator child = shared.allocator.newChildAllocator("scan " + scan, 0, Long.MAX_VALUE);
    shared.users++;
    return child;
  }

  /** The query's limit in bytes. */
  synchronized long limit(long queryId) {
    Shared shared = byQuery.get(queryId);
    return shared == null ? 0 : shared.allocator.getLimit();
  }

  /** Closes a scan's allocator, and the query's when no other scan of it is open. */
  synchronized void close(long queryId, BufferAllocator scan) {
    try {
      scan.close();
    } finally {
      // A scan that leaked still stops being a user: the query's entry must not outlive it.
      Shared shared = byQuery.get(queryId);
      if (shared != null && --shared.users == 0) {
        byQuery.remove(queryId);
        shared.allocator.close();
      }
    }
  }
}
