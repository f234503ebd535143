package dev.arrowtap.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where a worker listens: a host and a port, written {@code host:port}. */
public record WorkerAddress(String host, int port) {
  public WorkerAddress {
    Objects.requireNonNull(host, "host is null");
    if (host.isBlank()) {
      throw new IllegalArgumentException("worker host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("worker port must be between 1 and 65535: " + port);
    }
  }

  /** Parses {@code host:port} (an IPv6 host in brackets: {@code [::1]:4001}). */
  public static WorkerAddress parse(String text) {
    String value = text.trim();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("worker must be host:port, not '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new WorkerAddress(host, Integer.parseInt(value.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("worker port must be a number in '" + text + "'");
    }
  }

  /** Parses a comma-separated list; blank entries are skipped. */
  public static List<WorkerAddress> parseList(String text) {
    List<WorkerAddress> workers = new ArrayList<>();
    if (text == null) {
      return workers;
    }
    for (String part : text.split(",", -1)) {
      if (!part.isBlank()) {
        workers.add(parse(part));
      }
    }
    return workers;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
