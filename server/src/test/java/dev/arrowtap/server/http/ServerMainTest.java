package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.engine.EngineConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerMainTest {
  @Test
  void aServerLetsReadJsonCallNoHostUnlessItsCatalogSays() {
    EngineConfig config = ServerMain.engineConfig(ServerOptions.parse("--port", "0"));
    assertEquals(HostAllowlist.NONE, config.readJsonDefault());
    assertFalse(config.readJsonDefault().allows("127.0.0.1"));
  }

  @Test
  void usersFileIsAnOption() {
    assertEquals(
        Optional.of(Path.of("u.properties")),
        ServerOptions.parse("--users", "u.properties").users());
    assertEquals(Optional.empty(), ServerOptions.parse().users());
  }
}
