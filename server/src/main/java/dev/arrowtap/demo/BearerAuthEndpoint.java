package dev.arrowtap.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** Guards an endpoint with a bearer token: 401 and a JSON error unless the token is sent. */
final class BearerAuthEndpoint implements DemoEndpoint {
  private final String token;
  private final DemoEndpoint guarded;

  BearerAuthEndpoint(String token, DemoEndpoint guarded) {
    this.token = Objects.requireNonNull(token, "token is null");
    this.guarded = Objects.requireNonNull(guarded, "guarded is null");
  }

  @Override
  public DemoResponse answer(DemoRequest request) {
    if (request.authorization().filter(this::matches).isPresent()) {
      return guarded.answer(request);
    }
    return DemoResponse.error(
            401,
            "unauthorized",
            "this endpoint needs the header 'Authorization: Bearer <token>'; the demo's token is "
                + "in ARROWTAP_DEMO_TOKEN")
        .withHeader("WWW-Authenticate", "Bearer realm=\"arrowtap-demo\"");
  }

  private boolean matches(String header) {
    // The scheme is case-insensitive (RFC 9110); the token is compared exactly, in constant time.
    return header.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(
            header.substring(7).getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
  }
}
