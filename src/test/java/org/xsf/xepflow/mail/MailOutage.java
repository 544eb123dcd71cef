package org.xsf.xepflow.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The Standards list's mail server goes down: the connector points at a port nobody listens on. */
public final class MailOutage {
  private MailOutage() {
  }

  /** Until the test installs the real connector again (each test does, before it starts). */
  public static void begin(MailSettings settings) {
    try (ServerSocket socket = new ServerSocket(0)) {
      new MailConnector(settings, socket.getLocalPort()).install();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
