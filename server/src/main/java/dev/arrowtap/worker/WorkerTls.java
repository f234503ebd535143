package dev.arrowtap.worker;

import java.nio.file.Path;
import java.util.Objects;

/** A worker's TLS identity: its certificate chain and private key, both PEM files. */
public record WorkerTls(Path certificateChain, Path privateKey) {
  public WorkerTls {
    Objects.requireNonNull(certificateChain, "certificateChain is null");
    Objects.requireNonNull(privateKey, "privateKey is null");
  }
}
