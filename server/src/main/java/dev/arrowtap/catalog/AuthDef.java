package dev.arrowtap.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** How a feed authenticates its requests. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AuthDef.None.class, name = "none"),
  @JsonSubTypes.Type(value = AuthDef.Bearer.class, name = "bearer"),
  @JsonSubTypes.Type(value = AuthDef.Basic.class, name = "basic"),
  @JsonSubTypes.Type(value = AuthDef.ApiKey.class, name = "api_key"),
  @JsonSubTypes.Type(value = AuthDef.Header.class, name = "header"),
  @JsonSubTypes.Type(value = AuthDef.OAuth2.class, name = "oauth2")
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

  /** A token in a header of the API's choosing, after a prefix: {@code X-Auth: Token abc}. */
  record Header(String name, String prefix, String value) implements AuthDef {
    public Header {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(prefix, "prefix is null");
      Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
      return "Header[" + name + ", ***]";
    }
  }

  /**
   * OAuth 2 access tokens from a token endpoint, sent as {@code Authorization: Bearer}: the client
   * credentials grant, or the refresh-token grant when a refresh token is given.
   *
   * @param refreshToken the refresh token, or empty for the client credentials grant
   */
  record OAuth2(
      String tokenUrl,
      String clientId,
      String clientSecret,
      List<String> scopes,
      String refreshToken)
      implements AuthDef {
    public OAuth2 {
      Objects.requireNonNull(tokenUrl, "tokenUrl is null");
      Objects.requireNonNull(clientId, "clientId is null");
      Objects.requireNonNull(clientSecret, "clientSecret is null");
      scopes = List.copyOf(scopes);
      Objects.requireNonNull(refreshToken, "refreshToken is null");
    }

    @Override
    public String toString() {
      return "OAuth2[" + tokenUrl + ", " + clientId + ", ***]";
    }
  }

  AuthDef NONE = new None();
}
