package dev.arrowtap.server.flightsql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelFlightInfoResult;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Flight SQL clients against an endpoint with a users file: the Arrow Flight SQL JDBC driver
 * (login, metadata, prepared statements), Arrow's FlightSqlClient (the cancel action, catalog
 * commands with schemas) and the Java ADBC Flight SQL driver; each user sees only their own queries
 * in sys.queries, an administrator sees all.
 */
class FlightSqlClientsTest {
  @TempDir static Path dir;

  private static ArrowtapEngine engine;
  private static FlightSqlEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    Path users = dir.resolve("users.properties");
    Files.writeString(
        users,
        "alice: alice-pw-1, arrowtap\n"
            + "bob: bob-pw-2, arrowtap\n"
            + "root: root-pw-3, arrowtap-admin\n"
            + "guest: guest-pw-4, reader\n");
    engine = new ArrowtapEngine(EngineConfig.defaults());
    endpoint =
        FlightSqlEndpoint.start(engine, "127.0.0.1", 0, Optional.of(users), Optional.empty());
  }

  @AfterAll
  static void stop() {
    endpoint.close();
    engine.close();
  }

  private static Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:arrow-flight-sql://127.0.0.1:"
            + endpoint.port()
            + "?useEncryption=false&user="
            + user
            + "&password="
            + password);
  }

  @Test
  void onlyUsersWithTheRoleAndTheirPasswordGetIn() {
    SQLException wrong = assertThrows(SQLException.class, () -> connect("alice", "nope").close());
    assertTrue(
        String.valueOf(wrong.getMessage()).contains("UNAUTHENTICATED")
            || String.valueOf(wrong.getCause()).contains("UNAUTHENTICATED"),
        wrong.toString());
    assertThrows(SQLException.class, () -> connect("guest", "guest-pw-4").close());
  }

  @Test
  void eachUserSeesOnlyTheirOwnQueriesAndTheAdministratorAll() throws Exception {
    try (Connection alice = connect("alice", "alice-pw-1");
        Statement statement = alice.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) AS alices FROM numbers(0, 1234)")) {
      assertTrue(rows.next());
      assertEquals(1234, rows.getLong(1));
    }
    assertTrue(sqlOfQueries("alice", "alice-pw-1").stream().anyMatch(s -> s.contains("alices")));
    assertFalse(sqlOfQueries("bob", "bob-pw-2").stream().anyMatch(s -> s.contains("alices")));
    assertTrue(sqlOfQueries("root", "root-pw-3").stream().anyMatch(s -> s.contains("alices")));
  }

  private static List<String> sqlOfQueries(String user, String password) throws SQLException {
    List<String> sql = new ArrayList<>();
    try (Connection connection = connect(user, password);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT user_name, sql_text FROM sys.queries")) {
      while (rows.next()) {
        assertTrue(
            rows.getString(1).equals(user) || user.equals("root"),
            user + " sees a query of " + rows.getString(1));
        sql.add(rows.getString(2));
      }
    }
    return sql;
  }

  @Test
  void preparedStatementsTakeParameters() throws Exception {
    try (Connection connection = connect("alice", "alice-pw-1");
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT number, number * 10 AS tens FROM numbers(0, 1000) WHERE number = ?")) {
      for (long value : new long[] {42, 7}) {
        statement.setLong(1, value);
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(value, rows.getLong(1));
          assertEquals(value * 10, rows.getLong("tens"));
          assertFalse(rows.next());
        }
      }
    }
  }

  @Test
  void catalogMetadataThroughTheJdbcDriver() throws Exception {
    try (Connection connection = connect("alice", "alice-pw-1")) {
      DatabaseMetaData metaData = connection.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rows = metaData.getSchemas()) {
        while (rows.next()) {
          schemas.add(rows.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.contains("sys"), schemas.toString());
      try (ResultSet rows = metaData.getTables(null, "sys", "queries", null)) {
        assertTrue(rows.next());
        assertEquals("queries", rows.getString("TABLE_NAME"));
      }
      try (ResultSet rows = metaData.getColumns(null, "sys", "queries", "sql_text")) {
        assertTrue(rows.next(), "sys.queries.sql_text is listed");
      }
      try (ResultSet rows = metaData.getTableTypes()) {
        assertTrue(rows.next());
      }
      assertEquals("arrowtap", metaData.getDatabaseProductName());
    }
  }

  @Test
  void tablesCommandCarriesEachTablesArrowSchema() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        FlightClient client =
            FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", endpoint.port()))
                .build()) {
      CredentialCallOption token = client.authenticateBasicToken("alice", "alice-pw-1").get();
      FlightSqlClient sql = new FlightSqlClient(client);
      FlightInfo info = sql.getTables(null, "sys", "queries", null, true, token);
      try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
        assertTrue(stream.next());
        VectorSchemaRoot root = stream.getRoot();
        assertEquals(1, root.getRowCount());
        byte[] bytes = ((VarBinaryVector) root.getVector("table_schema")).get(0);
        Schema schema =
            MessageSerializer.deserializeSchema(
                new ReadChannel(
                    java.nio.channels.Channels.newChannel(
                        new java.io.ByteArrayInputStream(bytes))));
        assertTrue(
            schema.getFields().stream().anyMatch(f -> f.getName().equals("sql_text")),
            schema.toString());
      }
    }
  }

  @Test
  void theCancelActionStopsARunningQuery() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        FlightClient client =
            FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", endpoint.port()))
                .build()) {
      CredentialCallOption token = client.authenticateBasicToken("bob", "bob-pw-2").get();
      FlightSqlClient sql = new FlightSqlClient(client);
      FlightInfo info =
          sql.execute("SELECT number AS endless FROM numbers(0, 100000000000)", token);
      try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
        assertTrue(stream.next());
        CancelFlightInfoResult result =
            sql.cancelFlightInfo(new CancelFlightInfoRequest(info), token);
        assertEquals(CancelStatus.CANCELLED, result.getStatus());
        FlightRuntimeException error =
            assertThrows(
                FlightRuntimeException.class,
                () -> {
                  while (stream.next()) {
                    // Batches already on their way come first.
                  }
                });
        assertEquals(CallStatus.CANCELLED.code(), error.status().code(), error.toString());
        assertTrue(error.getMessage().contains("57014"), error.getMessage());
      }
    }
    assertEquals("CANCELLED", stateOf("endless"));
    await("the cancelled query's Arrow memory is given back")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertEquals(0, endpoint.allocator().getAllocatedMemory()));
  }

  private static String stateOf(String marker) throws SQLException {
    try (Connection connection = connect("root", "root-pw-3");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT state FROM sys.queries WHERE sql_text LIKE '%"
                    + marker
                    + "%' AND sql_text NOT LIKE '%sys.queries%'")) {
      assertTrue(rows.next(), "no query " + marker);
      return rows.getString(1);
    }
  }

  @Test
  void adbcReadsBatches() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      Map<String, Object> parameters = new HashMap<>();
      AdbcDriver.PARAM_URI.set(parameters, endpoint.uri());
      AdbcDriver.PARAM_USERNAME.set(parameters, "alice");
      AdbcDriver.PARAM_PASSWORD.set(parameters, "alice-pw-1");
      try (AdbcDatabase database = new FlightSqlDriver(allocator).open(parameters);
          AdbcConnection connection = database.connect();
          AdbcStatement statement = connection.createStatement()) {
        statement.setSqlQuery("SELECT number FROM numbers(0, 20000)");
        long rows = 0;
        long sum = 0;
        try (AdbcStatement.QueryResult result = statement.executeQuery();
            ArrowReader reader = result.getReader()) {
          while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            for (int i = 0; i < root.getRowCount(); i++) {
              sum += ((org.apache.arrow.vector.BigIntVector) root.getVector(0)).get(i);
            }
            rows += root.getRowCount();
          }
        }
        assertEquals(20_000, rows);
        assertEquals(20_000L * 19_999L / 2, sum);
      }
    }
  }
}
