package dev.arrowtap.server.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.PostgresSyntax;
import dev.arrowtap.metrics.QueryMetrics;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Answers Flight SQL commands over the engine: queries and prepared statements (results streamed as
 * Arrow batches by {@link ResultStreamer}), cancel, and the catalog commands. Each call runs as the
 * user who logged in, on that user's engine sessions.
 */
final class ArrowtapFlightSqlProducer extends NoOpFlightSqlProducer {
  private final Secrets secrets;
  private final SessionPool sessions;
  private final StatementRegistry statements;
  private final ResultStreamer streamer;
  private final CatalogCommands catalog;
  private final Optional<UsersFileLogin> login;

  ArrowtapFlightSqlProducer(
      ArrowtapEngine engine,
      SessionPool sessions,
      StatementRegistry statements,
      ResultStreamer streamer,
      CatalogCommands catalog,
      Optional<UsersFileLogin> login) {
    this.secrets = engine.catalog().secrets();
    this.sessions = sessions;
    this.statements = statements;
    this.streamer = streamer;
    this.catalog = catalog;
    this.login = login;
  }

  private static String user(CallContext context) {
    String user = context.peerIdentity();
    return user == null ? "" : user;
  }

  private boolean admin(String user) {
    return login.isEmpty() || login.get().isAdmin(user);
  }

  // Queries.

  @Override
  public FlightInfo getFlightInfoStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    OpenStatement statement = open(user(context), command.getQuery(), false);
    ByteString handle = statements.add(statement);
    TicketStatementQuery ticket =
        TicketStatementQuery.newBuilder().setStatementHandle(handle).build();
    return info(statement.resultSchema(), descriptor, ticket);
  }

  @Override
  public SchemaResult getSchemaStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    OpenStatement statement = open(user(context), command.getQuery(), false);
    close(statement);
    return new SchemaResult(statement.resultSchema());
  }

  @Override
  public void getStreamStatement(
      TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    String user = user(context);
    // Kept in the registry while it streams, so that the cancel action finds it.
    Optional<OpenStatement> statement = statements.find(ticket.getStatementHandle(), user);
    if (statement.isEmpty() || !statement.get().claim()) {
      listener.error(
          CallStatus.NOT_FOUND
              .withDescription("this query's results were read already or have expired")
              .toRuntimeException());
      return;
    }
    try {
      streamer.stream(statement.get(), listener);
    } finally {
      statements.remove(ticket.getStatementHandle(), user);
      close(statement.get());
    }
  }

  // Prepared statements.

  @Override
  public void createPreparedStatement(
      ActionCreatePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      OpenStatement statement = open(user(context), request.getQuery(), true);
      ByteString handle = statements.add(statement);
      ActionCreatePreparedStatementResult result =
          ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(handle)
              .setDatasetSchema(ByteString.copyFrom(statement.resultSchema().serializeAsMessage()))
              .setParameterSchema(
                  ByteString.copyFrom(statement.parameterSchema().serializeAsMessage()))
              .build();
      listener.onNext(new Result(Any.pack(result).toByteArray()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.status(e, secrets));
    }
  }

  @Override
  public void closePreparedStatement(
      ActionClosePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    statements.remove(request.getPreparedStatementHandle(), user(context)).ifPresent(this::close);
    listener.onCompleted();
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    OpenStatement statement = statements.get(command.getPreparedStatementHandle(), user(context));
    return info(statement.resultSchema(), descriptor, command);
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    OpenStatement statement = statements.get(command.getPreparedStatementHandle(), user(context));
    return new SchemaResult(statement.resultSchema());
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(
      CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    String user = user(context);
    return () -> {
      try {
        OpenStatement statement = statements.get(command.getPreparedStatementHandle(), user);
        List<Object> values = null;
        while (flightStream.next()) {
          values = ParameterRows.values(flightStream.getRoot());
        }
        if (values != null) {
          statement.bind(values);
        }
        ackStream.onCompleted();
      } catch (SQLException | RuntimeException e) {
        ackStream.onError(FlightErrors.status(e, secrets));
      }
    };
  }

  @Override
  public void getStreamPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
    OpenStatement statement;
    try {
      statement = statements.get(command.getPreparedStatementHandle(), user(context));
    } catch (RuntimeException e) {
      listener.error(e);
      return;
    }
    if (statement.running() != null) {
      listener.error(
          CallStatus.ALREADY_EXISTS
              .withDescription("this prepared statement is running a query already")
              .toRuntimeException());
      return;
    }
    streamer.stream(statement, listener);
  }

  // Cancel.

  @Override
  public void cancelFlightInfo(
      CancelFlightInfoRequest request, CallContext context, StreamListener<CancelStatus> listener) {
    String user = user(context);
    boolean cancelled = false;
    for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
      Optional<OpenStatement> statement = statementOf(endpoint.getTicket(), user);
      if (statement.isPresent()) {
        QueryMetrics query = statement.get().running();
        if (query != null) {
          query.cancel();
          cancelled = true;
        } else if (!statement.get().prepared()) {
          // Not started yet: it never will.
          statements.remove(handleOf(endpoint.getTicket()), user).ifPresent(this::close);
          cancelled = true;
        }
      }
    }
    listener.onNext(cancelled ? CancelStatus.CANCELLED : CancelStatus.NOT_CANCELLABLE);
    listener.onCompleted();
  }

  private Optional<OpenStatement> statementOf(Ticket ticket, String user) {
    ByteString handle = handleOf(ticket);
    return handle == null ? Optional.empty() : statements.find(handle, user);
  }

  private static ByteString handleOf(Ticket ticket) {
    try {
      Any any = Any.parseFrom(ticket.getBytes());
      if (any.is(TicketStatementQuery.class)) {
        return any.unpack(TicketStatementQuery.class).getStatementHandle();
      }
      if (any.is(CommandPreparedStatementQuery.class)) {
        return any.unpack(CommandPreparedStatementQuery.class).getPreparedStatementHandle();
      }
      return null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  // Catalog commands.

  @Override
  public FlightInfo getFlightInfoSqlInfo(
      CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_SQL_INFO_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamSqlInfo(
      CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    catalog.sqlInfo(command, listener);
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(
      CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_CATALOGS_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    withSession(context, listener, session -> catalog.catalogs(session, listener));
  }

  @Override
  public FlightInfo getFlightInfoSchemas(
      CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_SCHEMAS_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamSchemas(
      CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    withSession(context, listener, session -> catalog.schemas(session, command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTables(
      CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    Schema schema =
        request.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    return info(schema, descriptor, request);
  }

  @Override
  public void getStreamTables(
      CommandGetTables command, CallContext context, ServerStreamListener listener) {
    withSession(context, listener, session -> catalog.tables(session, command, listener));
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(
      CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_TABLE_TYPES_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    withSession(context, listener, session -> catalog.tableTypes(session, listener));
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(
      CommandGetPrimaryKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_PRIMARY_KEYS_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamPrimaryKeys(
      CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    catalog.empty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(
      CommandGetExportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_EXPORTED_KEYS_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamExportedKeys(
      CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    catalog.empty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(
      CommandGetImportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_IMPORTED_KEYS_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamImportedKeys(
      CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    catalog.empty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(
      CommandGetCrossReference request, CallContext context, FlightDescriptor descriptor) {
    return info(Schemas.GET_CROSS_REFERENCE_SCHEMA, descriptor, request);
  }

  @Override
  public void getStreamCrossReference(
      CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
    catalog.empty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
  }

  // Helpers.

  /** One metadata call on a session borrowed for it. */
  private interface SessionCall {
    void run(SessionPool.Session session) throws SQLException;
  }

  private void withSession(CallContext context, ServerStreamListener listener, SessionCall call) {
    String user = user(context);
    SessionPool.Session session = null;
    try {
      session = sessions.borrow(user, admin(user));
      call.run(session);
    } catch (SQLException | RuntimeException e) {
      listener.error(FlightErrors.status(e, secrets));
    } finally {
      if (session != null) {
        sessions.giveBack(session);
      }
    }
  }

  /** Prepares {@code sql} on one of the user's sessions, which the statement keeps until closed. */
  private OpenStatement open(String user, String sql, boolean prepared) {
    SessionPool.Session session = null;
    PreparedStatement statement = null;
    try {
      session = sessions.borrow(user, admin(user));
      statement = session.connection().prepareStatement(PostgresSyntax.rewrite(sql));
      return new OpenStatement(
          statements.nextId(),
          sql,
          prepared,
          session,
          statement,
          ArrowColumns.schema(statement.getMetaData()),
          ParameterRows.schema(statement.getParameterMetaData()));
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        try {
          statement.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      if (session != null) {
        sessions.giveBack(session);
      }
      throw FlightErrors.status(e, secrets);
    }
  }

  /** Closes a statement and gives its session back. */
  void close(OpenStatement statement) {
    QueryMetrics query = statement.running();
    if (query != null) {
      query.cancel();
    }
    statement.closeStatement();
    sessions.giveBack(statement.session());
  }

  private static FlightInfo info(Schema schema, FlightDescriptor descriptor, Message command) {
    Ticket ticket = new Ticket(Any.pack(command).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }
}
