package dev.arrowtap.spark;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything Spark and arrowtap log while it is open, stack traces included. */
final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final LoggerContext context;

  LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName("capture")
            .setTarget(text)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%throwable").build())
            .build();
    appender.start();
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    context.getConfiguration().getRootLogger().removeAppender("capture");
    context.updateLoggers();
    appender.stop();
  }
}
