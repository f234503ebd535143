package dev.arrowtap.catalog;

import dev.arrowtap.common.Secrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The values of a feed's credentials that must never be shown, in every form its requests carry
 * them: an API that echoes the {@code Authorization} header it refused echoes the Base64 of {@code
 * user:password}, not the password.
 */
final class AuthSecrets {
  private AuthSecrets() {}

  static Secrets of(AuthDef auth) {
    return new Secrets(values(auth));
  }

  private static Set<String> values(AuthDef auth) {
    if (auth instanceof AuthDef.Bearer bearer) {
      return Set.of(bearer.token());
    } else if (auth instanceof AuthDef.Basic basic) {
      return Set.copyOf(
          List.of(basic.password(), base64(basic.username() + ":" + basic.password())));
    } else if (auth instanceof AuthDef.ApiKey key) {
      return Set.of(key.value());
    } else if (auth instanceof AuthDef.Header header) {
      return Set.of(header.value());
    } else if (auth instanceof AuthDef.OAuth2 oauth) {
      // The token request's Basic header (RFC 6749 form-encodes both parts first).
      String pair =
          URLEncoder.encode(oauth.clientId(), StandardCharsets.UTF_8)
              + ":"
              + URLEncoder.encode(oauth.clientSecret(), StandardCharsets.UTF_8);
      return Set.copyOf(List.of(oauth.clientSecret(), oauth.refreshToken(), base64(pair)));
    }
    return Set.of();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
