package dev.arrowtap.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** How a feed authenticates its requests. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AuthDef.None.class, name = "none"),
  @JsonSubTypes.Type(value = AuthDef.Bearer.class, name = "bearer"),
  @JsonSubTypes.Type(value = AuthDef.Basic.class, name = "basic"),
  @JsonSubTypes.Type(value = AuthDef.ApiKey.class, name = "api_key")
})
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
