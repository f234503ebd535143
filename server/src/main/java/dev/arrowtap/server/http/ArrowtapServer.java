package dev.arrowtap.server.http;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.server.meta.ArrowtapMeta;
import dev.arrowtap.server.meta.MetaErrors;
import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerCollection;
import org.eclipse.jetty.server.session.SessionHandler;

/** The remote server: Avatica's HTTP endpoint over an engine, bound where it is told. */
public final class ArrowtapServer implements AutoCloseable {
  /** The role a users file must give each user that may connect. */
  public static final String ROLE = "arrowtap";

  /** The role that lets a user see every user's queries (and connect without {@link #ROLE}). */
  public static final String ADMIN_ROLE = "arrowtap-admin";

  private final ArrowtapEngine engine;
  private final ArrowtapMeta meta;
  private final boolean https;
  private final HttpServer http;
  private final String bind;
  private final InFlightRequests inFlight;
  private final AtomicBoolean stopping;

  private ArrowtapServer(
      ArrowtapEngine engine,
      ArrowtapMeta meta,
      HttpServer http,
      String bind,
      boolean https,
      InFlightRequests inFlight,
      AtomicBoolean stopping) {
    this.inFlight = inFlight;
    this.stopping = stopping;
    this.engine = engine;
    this.https = https;
    this.meta = meta;
    this.http = http;
    this.bind = bind;
  }

  /** Starts a server; it owns the engine from then on and closes it on {@link #close()}. */
  public static ArrowtapServer start(ArrowtapEngine engine, String bind, int port)
      throws SQLException {
    return start(engine, bind, port, Serialization.JSON);
  }

  /**
   * Starts a server speaking the given wire format. JSON is the default: it measured faster than
   * protobuf here (docs/architecture.md), and every Avatica client speaks it.
   */
  public static ArrowtapServer start(
      ArrowtapEngine engine, String bind, int port, Serialization serialization)
      throws SQLException {
    return start(engine, bind, port, serialization, Optional.empty());
  }

  /**
   * Starts a server that, given a users file, lets in only the users it lists (HTTP Basic; each
   * line {@code name: password, arrowtap}, in Jetty's realm format). {@code GET /health} stays
   * open.
   */
  public static ArrowtapServer start(
      ArrowtapEngine engine,
      String bind,
      int port,
      Serialization serialization,
      Optional<Path> users)
      throws SQLException {
    return start(engine, bind, port, serialization, users, Optional.empty());
  }

  /** Starts a server that, given TLS settings, speaks only HTTPS. */
  public static ArrowtapServer start(
      ArrowtapEngine engine,
      String bind,
      int port,
      Serialization serialization,
      Optional<Path> users,
      Optional<TlsSettings> tls)
      throws SQLException {
    return start(engine, bind, port, serialization, users, tls, Clock.systemUTC());
  }

  /**
   * As above, with the clock the failed-login rule reads (a fixed clock keeps a lock-out in force,
   * for tests).
   */
  public static ArrowtapServer start(
      ArrowtapEngine engine,
      String bind,
      int port,
      Serialization serialization,
      Optional<Path> users,
      Optional<TlsSettings> tls,
      Clock loginClock)
      throws SQLException {
    LoginGuard loginGuard = new LoginGuard(loginClock);
    ArrowtapMeta meta = new ArrowtapMeta(engine);
    InFlightRequests inFlight = new InFlightRequests();
    AtomicBoolean stopping = new AtomicBoolean();
    LocalService service = new LocalService(MetaErrors.wrap(meta));
    ServerCustomizer<Server> customizer =
        server -> {
          for (Connector connector : server.getConnectors()) {
            ((ServerConnector) connector).setHost(bind);
          }
          // The health check goes first, outside any authentication Avatica adds.
          ((HandlerCollection) server.getHandler())
              .prependHandler(new HealthHandler(engine.services(), stopping::get));
          // Behind the login (when there is one): the timeline page, and the Meta learns who each
          // request comes from.
          TimelineHandler timeline =
              new TimelineHandler(engine.services().metrics(), users.isPresent());
          ConstraintSecurityHandler security =
              server.getChildHandlerByClass(ConstraintSecurityHandler.class);
          if (security != null) {
            // Failed logins are counted, and locked-out clients refused, before the password check.
            // Avatica puts the login check inside a session handler.
            LoginThrottle throttle = new LoginThrottle(loginGuard);
            SessionHandler session = server.getChildHandlerByClass(SessionHandler.class);
            throttle.setHandler(security);
            session.setHandler(throttle);
            RemoteUserHandler user = new RemoteUserHandler();
            inFlight.setHandler(security.getHandler());
            timeline.setHandler(inFlight);
            user.setHandler(timeline);
            security.setHandler(user);
          } else {
            HandlerCollection handlers = (HandlerCollection) server.getHandler();
            Handler[] all = handlers.getHandlers();
            // The list is [health, avatica, default]: the timeline wraps Avatica's handler.
            inFlight.setHandler(all[1]);
            timeline.setHandler(inFlight);
            all[1] = timeline;
            handlers.setHandlers(all);
          }
        };
    HttpServer.Builder<Server> builder =
        new HttpServer.Builder<Server>()
            .withHandler(service, serialization)
            .withPort(port)
            .withServerCustomizers(List.of(customizer), Server.class);
    users.ifPresent(
        file ->
            builder.withBasicAuthentication(
                file.toAbsolutePath().toString(), new String[] {ROLE, ADMIN_ROLE}));
    tls.ifPresent(
        settings -> {
          File keystore = settings.keystore().toFile();
          builder.withTLS(keystore, settings.password(), keystore, settings.password());
        });
    HttpServer http = builder.build();
    http.start();
    engine.services().internalEndpoints().add(bind, http.getPort(), "this server's own endpoint");
    return new ArrowtapServer(engine, meta, http, bind, tls.isPresent(), inFlight, stopping);
  }

  public int port() {
    return http.getPort();
  }

  /** The base URL clients use: {@code http://HOST:PORT}, or https with TLS. */
  public String url() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return (https ? "https://" : "http://") + host + ":" + port();
  }

  /**
   * Stops the server: running queries end with SQLState 57P01 (their clients get it on the call in
   * progress or the next fetch), new work is refused, then the endpoint and the engine stop. Takes
   * at most about {@link #SHUTDOWN_GRACE} more than the engine's own close.
   */
  @Override
  public void close() {
    try {
      long started = System.nanoTime();
      stopping.set(true);
      meta.shutdown(SHUTDOWN_GRACE);
      inFlight.awaitIdle(SHUTDOWN_GRACE.minusNanos(System.nanoTime() - started));
      http.stop();
    } finally {
      meta.close();
      engine.close();
    }
  }

  /** How long a stopping server waits for calls in progress to answer their clients. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofMillis(1200);
}
