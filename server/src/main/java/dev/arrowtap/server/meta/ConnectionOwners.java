package dev.arrowtap.server.meta;

import dev.arrowtap.common.SqlStates;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Ties each connection to the user who opened it when the server has a login, so that no user can
 * act on another's connection by sending its id.
 */
final class ConnectionOwners {
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /** Checks (or, for openConnection, records) the owner of the connection a call names. */
  void check(String method, Object[] args) {
    Optional<String> user = RequestUser.current();
    if (user.isEmpty() || args == null) {
      return;
    }
    String connectionId = connectionId(args);
    if (connectionId == null) {
      return;
    }
    if (method.equals("openConnection")) {
      owners.put(connectionId, user.get());
      return;
    }
    String owner = owners.get(connectionId);
    if (owner != null && !owner.equals(user.get())) {
      throw new AvaticaRuntimeException(
          "connection " + connectionId + " belongs to another user",
          -1,
          SqlStates.NOT_PERMITTED,
          AvaticaSeverity.ERROR);
    }
    if (method.equals("closeConnection")) {
      owners.remove(connectionId);
    }
  }

  private static String connectionId(Object[] args) {
    for (Object arg : args) {
      if (arg instanceof Meta.ConnectionHandle handle) {
        return handle.id;
      }
      if (arg instanceof Meta.StatementHandle handle) {
        return handle.connectionId;
      }
    }
    return null;
  }
}
