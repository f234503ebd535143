package dev.arrowtap.exec;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The addresses an engine serves (its SQL server) or sends tasks to (its workers), which no query
 * may read as data whatever an allowlist says: reading them would let a query probe the server's
 * health, timeline or Flight endpoints with the server's network position.
 */
public final class InternalEndpoints {
  /** One endpoint: where it listens and what it is, for messages. */
  private record Endpoint(String host, int port, String role) {}

  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

  /** Adds an endpoint; {@code host} may be a wildcard bind address such as 0.0.0.0. */
  public void add(String host, int port, String role) {
    endpoints.add(new Endpoint(host, port, role));
  }

  /**
   * What {@code host:port} reaches, when it is one of these endpoints: the same port, and an
   * address of the endpoint's host, or an address of this machine when the endpoint is on it.
   */
  public Optional<String> reached(String host, int port) {
    InetAddress[] targets;
    try {
      targets = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    for (Endpoint endpoint : endpoints) {
      if (endpoint.port() == port && reaches(targets, endpoint.host())) {
        return Optional.of(endpoint.role());
      }
    }
    return Optional.empty();
  }

  private static boolean reaches(InetAddress[] targets, String endpointHost) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(endpointHost);
    } catch (UnknownHostException e) {
      return false;
    }
    for (InetAddress target : targets) {
      for (InetAddress address : addresses) {
        // 127.0.0.2 or this machine's LAN address may reach a server bound to loopback or to all
        // interfaces: any address of this machine counts as the endpoint's.
        if (target.equals(address) || (isThisMachine(target) && isThisMachine(address))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isThisMachine(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
