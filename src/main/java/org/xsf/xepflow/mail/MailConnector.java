package org.xsf.xepflow.mail;

import jakarta.mail.util.StreamProvider;
import java.time.Duration;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.camunda.bpm.extension.mail.config.JakartaMailProperties;
import org.camunda.bpm.extension.mail.service.MailServiceFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Points the Camunda mail connector (mail-send) at the embedded Standards list or at the SMTP
 * server of xepflow.mail.smtp.*. The connector keeps its settings in a static: they are installed
 * when the application starts, before any announcement job can run. Its SMTP connections are kept
 * for the next announcements ({@link KeptSmtpConnections}).
 */
public class MailConnector implements DisposableBean {
  /** Closes idle kept connections; one for the JVM, as the connector's service is one for the JVM. */
  private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(sweep -> {
    Thread thread = new Thread(sweep, "smtp-idle-connections");
    thread.setDaemon(true);
    return thread;
  });
  private final Properties properties = new Properties();
  private final int messagesPerConnection;
  private final Duration connectionIdleTimeout;
  private KeptSmtpConnections service;

  MailConnector(MailSettings settings, int port) {
    messagesPerConnection = settings.getSmtp().getMessagesPerConnection();
    connectionIdleTimeout = settings.getSmtp().getConnectionIdleTimeout();
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", settings.getSmtp().getHost());
    properties.setProperty("mail.smtp.port", Integer.toString(port));
    properties.setProperty("mail.smtp.connectiontimeout", "10000");
    properties.setProperty("mail.smtp.timeout", "10000");
    // QUIT and close without waiting for the server's answer: every message a connection carried was
    // acknowledged already, and after a send that failed while writing, the server takes QUIT as part
    // of the message and answers nothing, which held the job thread until the read timeout
    properties.setProperty("mail.smtp.quitwait", "false");
    if (settings.isEmbedded()) {
      // HELO, not EHLO: the embedded server's multi-line EHLO answer stalls each mail some 40 ms
      // (TCP delayed acknowledgement); it offers neither STARTTLS nor AUTH, which need EHLO.
      properties.setProperty("mail.smtp.ehlo", "false");
    }
    if (settings.getSmtp().isStarttls() && settings.getSmtp().isSsl()) {
      throw new IllegalStateException("xepflow.mail.smtp.starttls and xepflow.mail.smtp.ssl exclude each other: "
          + "STARTTLS begins TLS on a plain connection (port 587), ssl begins the connection with it (port 465).");
    }
    // required, not only enabled: a server (or someone between) that offers no STARTTLS got the login in clear
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.getSmtp().isStarttls()));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.getSmtp().isStarttls()));
    properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(settings.getSmtp().isSsl()));
    boolean auth = !settings.getSmtp().getUser().isBlank();
    properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
    if (auth) {
      properties.setProperty("mail.user", settings.getSmtp().getUser());
      properties.setProperty("mail.password", settings.getSmtp().getPassword());
    }
    properties.setProperty("mail.sender", settings.getSender());
    properties.setProperty("mail.sender.alias", settings.getSenderAlias());
  }

  /** The settings of the connector's mail sessions. */
  Properties sessionProperties() {
    return (Properties) properties.clone();
  }

  /** Makes this application's SMTP settings the connector's (again, for tests running several). */
  public synchronized void install() {
    JakartaMailProperties.set(properties);
    destroy();
    MailServiceFactory.getInstance().setWith(session ->
        service = new KeptSmtpConnections(session, messagesPerConnection, connectionIdleTimeout, SWEEPER));
    nameStreamProvider();
  }

  /** Closes the SMTP connections kept open by this connector's last installation. */
  @Override
  public synchronized void destroy() {
    if (service != null) {
      service.shutDown();
    }
  }

  /**
   * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader, over the whole class path,
   * several times for every message it writes or reads (jakartaee/mail-api#861; 4 % of the job
   * threads' time in a backlog of announcements). Given by name, as the API allows, it is one
   * class lookup. The name is the one the ServiceLoader finds, so the provider stays the same; it is
   * named only when the system class loader has it, as every thread's class loader then has (not
   * in a packaged jar, whose classes only its own loader has: there the lookup stays).
   */
  static void nameStreamProvider() {
    String property = StreamProvider.class.getName();
    if (System.getProperty(property) == null) {
      ServiceLoader.load(StreamProvider.class, StreamProvider.class.getClassLoader()).findFirst()
          .map(provider -> provider.getClass().getName()).filter(MailConnector::onSystemClassPath)
          .ifPresent(name -> System.setProperty(property, name));
    }
  }

  private static boolean onSystemClassPath(String className) {
    try {
      Class.forName(className, false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
