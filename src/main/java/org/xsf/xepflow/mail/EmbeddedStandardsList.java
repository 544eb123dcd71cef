package org.xsf.xepflow.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;

/**
 * An in-process SMTP server (GreenMail) that receives the Standards list when no real mail server
 * is configured, so the default run needs nothing outside the JVM. Port 0 picks a free port.
 */
public class EmbeddedStandardsList implements DisposableBean {
  private final GreenMail server;

  public EmbeddedStandardsList(String host, int port) {
    ServerSetup smtp = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
    server = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp);
    server.start();
  }

  public int port() {
    return server.getSmtp().getPort();
  }

  /** Every message the list received, oldest first. */
  public List<MimeMessage> messages() {
    return Arrays.asList(server.getReceivedMessages());
  }

  /** Empties the archive (tests start from an empty list). */
  public void purge() throws FolderException {
    server.purgeEmailFromAllMailboxes();
  }

  @Override
  public void destroy() {
    server.stop();
  }
}
