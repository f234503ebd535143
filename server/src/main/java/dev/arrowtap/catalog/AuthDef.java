package dev.arrowtap.catalog;

import java.util.Objects;

/** How a feed authenticates its requests. */
public sealed interface AuthDef {
  /** No credentials. */
  record None() implements AuthDef {}

  /** {@code Authorization: Bearer TOKEN}. */
  record Bearer(String token) implements AuthDef {
    public Bearer {
      Objects.requireNonNull(token, "token is null");
    }

    @Override
    public String toString() {
      return "Bearer[***]";
    }
  }

  /** {@code Authorization: Basic base64(user:password)}. */
  record Basic(String username, String password) implements AuthDef {
    public Basic {
      Objects.requireNonNull(username, "username is null");
      Objects.requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", ***]";
    }
  }

  /** An API key in a header or a query parameter. */
  record ApiKey(String name, String value, boolean inQuery) implements AuthDef {
    public ApiKey {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
      return "ApiKey[" + name + (inQuery ? " in query" : " in header") + ", ***]";
    }
  }

  AuthDef NONE = new None();
}
