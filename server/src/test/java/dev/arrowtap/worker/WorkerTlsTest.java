package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinator and worker over TLS: tasks (and the feed credentials they carry) are encrypted. */
class WorkerTlsTest {
  @TempDir Path dir;

  @Test
  void tasksRunOverTlsAndAPlainCoordinatorIsRefused() throws Exception {
    Path cert = dir.resolve("worker.pem");
    Path key = dir.resolve("worker-key.pem");
    selfSigned(cert, key);
    try (WorkerServer worker =
        WorkerServer.start("127.0.0.1", 0, Cluster.SECRET, Optional.of(new WorkerTls(cert, key)))) {
      ExecutionConfig tls =
          ExecutionConfig.local()
              .withWorkers(List.of(worker.address()), Optional.of(Cluster.SECRET))
              .withWorkerTls(cert);
      try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withExecution(tls));
          Connection c = engine.connect(Map.of());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), sum(number) FROM numbers(0, 1000)")) {
        assertTrue(rs.next());
        assertEquals(1000, rs.getLong(1));
        assertEquals(499_500, rs.getLong(2));
      }
      ExecutionConfig plain =
          ExecutionConfig.local()
              .withWorkers(List.of(worker.address()), Optional.of(Cluster.SECRET))
              .withTaskAttempts(1);
      try (ArrowtapEngine engine =
              new ArrowtapEngine(EngineConfig.defaults().withExecution(plain));
          Connection c = engine.connect(Map.of());
          Statement s = c.createStatement()) {
        assertThrows(
            SQLException.class, () -> s.executeQuery("SELECT count(*) FROM numbers(0, 1000)"));
      }
    }
  }

  /**
   * A self-signed certificate for 127.0.0.1 and its key, as PEM files, made with the JDK's keytool.
   */
  private void selfSigned(Path cert, Path key) throws Exception {
    Path store = dir.resolve("worker.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "worker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(
        0,
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    Key privateKey = keyStore.getKey("worker", "changeit".toCharArray());
    Files.writeString(cert, pem("CERTIFICATE", keyStore.getCertificate("worker").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
