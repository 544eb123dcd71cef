package org.xsf.xepflow.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.extension.mail.service.JakartaMailService;

/**
 * The mail connector's service with its SMTP connections kept for the next announcements. The
 * connector's own connects, greets the server (with STARTTLS and AUTH: a TLS handshake and a login)
 * and quits for every message, so a burst of deferrals opened a connection per announcement. A kept
 * connection is checked with NOOP before it carries another message, and is closed once it has been
 * idle for {@code maxIdle} or has carried {@code messagesPerConnection} messages (servers limit both):
 * idle ones by a sweep every half of {@code maxIdle} (not more often than once a second), so a
 * connection left after the last announcement is not held until the next one. A failed send closes
 * its connection and fails as before: the announcement's job is retried.
 */
class KeptSmtpConnections extends JakartaMailService {
  private record Kept(Transport transport, int sent, long idleSince) {
  }

  private final Session session;
  private final int messagesPerConnection;
  private final long maxIdleNanos;
  /** Most recently used first, so that the least used age out at the end. */
  private final Deque<Kept> idle = new ConcurrentLinkedDeque<>();
  private final ScheduledFuture<?> sweep;
  private volatile boolean shutDown;

  KeptSmtpConnections(Session session, int messagesPerConnection, Duration maxIdle, ScheduledExecutorService sweeper) {
    super(session);
    this.session = session;
    this.messagesPerConnection = messagesPerConnection;
    this.maxIdleNanos = maxIdle.toNanos();
    long period = Math.max(maxIdleNanos / 2, TimeUnit.SECONDS.toNanos(1));
    sweep = sweeper.scheduleWithFixedDelay(this::closeExpired, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void sendMessage(Message message) throws MessagingException {
    AnnouncementMessageId.stamp(message);
    Kept connection = take();
    try {
      connection.transport().sendMessage(message, message.getAllRecipients());
    } catch (Throwable e) {
      // whatever failed (an Error too, say out of memory while writing), the connection may be in the
      // middle of a message: it can carry no other
      closeAfter(e, connection.transport());
      throw e;
    }
    int sent = connection.sent() + 1;
    if (sent < messagesPerConnection) {
      idle.push(new Kept(connection.transport(), sent, System.nanoTime()));
      if (shutDown) {
        // shut down while this message was on its way: shutDown() may have emptied the deque before the push
        closeIdle();
      }
    } else {
      close(connection.transport());
    }
  }

  private Kept take() throws MessagingException {
    for (Kept kept = idle.poll(); kept != null; kept = idle.poll()) {
      boolean usable;
      try {
        // isConnected() asks the server (NOOP): it may have closed an idle connection on its side
        usable = !expired(kept) && kept.transport().isConnected();
      } catch (Throwable e) {
        // taken from the idle ones, it would be kept by no one
        closeAfter(e, kept.transport());
        throw e;
      }
      if (usable) {
        return kept;
      }
      close(kept.transport());
    }
    Transport transport = session.getTransport();
    transport.connect();
    return new Kept(transport, 0, 0);
  }

  private void closeExpired() {
    for (Kept last = idle.peekLast(); last != null && expired(last); last = idle.peekLast()) {
      if (idle.removeLastOccurrence(last)) {
        close(last.transport());
      }
    }
  }

  private boolean expired(Kept kept) {
    return System.nanoTime() - kept.idleSince() >= maxIdleNanos;
  }

  /**
   * Closes the connections no message is using and keeps none from now on (the application stops,
   * or installs other settings). A message still on its way gets through, and its connection is
   * closed after it.
   */
  void shutDown() {
    shutDown = true;
    sweep.cancel(false);
    closeIdle();
  }

  private void closeIdle() {
    for (Kept kept = idle.poll(); kept != null; kept = idle.poll()) {
      close(kept.transport());
    }
  }

  /** Closes a connection after a failure: what closing throws is kept with that failure, not instead of it. */
  private static void closeAfter(Throwable failure, Transport transport) {
    try {
      close(transport);
    } catch (Throwable closing) {
      failure.addSuppressed(closing);
    }
  }

  private static void close(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // the connection is gone either way; the server may already have dropped it (and a sweep that
      // threw would never run again)
    }
  }
}
