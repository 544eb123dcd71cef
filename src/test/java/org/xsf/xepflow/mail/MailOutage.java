package org.xsf.xepflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The Standards list's mail server goes down: the connector points at a port nobody listens on,
 * until the outage ends and the application's own connector is installed again.
 */
public record MailOutage(MailConnector down, MailConnector restored) implements AutoCloseable {

  public static MailOutage begin(MailSettings settings, MailConnector restored) {
    try (ServerSocket socket = new ServerSocket(0)) {
      MailConnector down = new MailConnector(settings, socket.getLocalPort());
      down.install();
      return new MailOutage(down, restored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mail server is back; the outage's connector is shut down, its idle-connection sweep with it. */
  @Override
  public void close() {
    down.destroy();
    restored.install();
  }
}
