package dev.arrowtap.server.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's TLS identity: a keystore (PKCS12 or JKS) holding its key and certificate, and the
 * keystore's password.
 */
public record TlsSettings(Path keystore, String password) {
  public TlsSettings {
    Objects.requireNonNull(keystore, "keystore is null");
    Objects.requireNonNull(password, "password is null");
  }

  @Override
  public String toString() {
    return "TlsSettings[" + keystore + ", ***]";
  }
}
