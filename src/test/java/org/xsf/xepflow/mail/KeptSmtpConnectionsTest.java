package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Announcements share SMTP connections, and every message arrives whatever happens to them. */
class KeptSmtpConnectionsTest {
  private GreenMail server;
  private CountingRelay relay;
  private Session session;
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void startServer() throws Exception {
    server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    server.start();
    relay = new CountingRelay(server.getSmtp().getPort());
    MailSettings settings = new MailSettings();
    settings.setEmbedded(true);
    settings.setSender("editor@xmpp.org");
    settings.setSenderAlias("XMPP Extensions Editor");
    // the sessions the application's connector makes
    session = Session.getInstance(new MailConnector(settings, relay.port()).sessionProperties());
  }

  @AfterEach
  void stopServer() throws Exception {
    sweeper.shutdownNow();
    relay.close();
    server.stop();
  }

  @Test
  void messagesInARowShareOneConnection() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));

    send(service, "one", "two", "three");

    assertThat(received()).containsExactly("one", "two", "three");
    assertThat(relay.connections()).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerDroppedIsReplacedAndNoMessageIsLost() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    send(service, "before");

    relay.dropConnections();
    send(service, "after");

    assertThat(received()).containsExactly("before", "after");
    assertThat(relay.connections()).isEqualTo(2);
  }

  @Test
  void aConnectionIdleTooLongIsClosedWithoutAnotherMessage() throws Exception {
    // idle past 1.5 s, looked at every second: open after the send, closed two seconds later
    send(service(100, Duration.ofMillis(1500)), "the last announcement");
    assertThat(relay.openConnections()).isEqualTo(1);

    await(relay::openConnections, 0);
    assertThat(received()).containsExactly("the last announcement");
  }

  @Test
  @Timeout(5) // not held until the connection's read timeout (10 s) waiting for an answer to QUIT
  void aConnectionWhoseMessageFailedWithAnErrorIsClosed() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    send(service, "before");
    // an Error while the message is written (say, out of memory encoding it) leaves the connection
    // in the middle of a message: it must be closed, not kept or left open (GreenMail prints the
    // unfinished message's "Unexpected end of stream")
    Message failing = new MimeMessage(session) {
      @Override
      public void writeTo(OutputStream out, String[] ignoreList) {
        throw new OutOfMemoryError("writing the message");
      }
    };
    address(failing, "failing");

    assertThatThrownBy(() -> service.sendMessage(failing)).isInstanceOf(OutOfMemoryError.class);
    await(relay::openConnections, 0);
    send(service, "after");

    assertThat(received()).containsExactly("before", "after");
    assertThat(relay.connections()).isEqualTo(2);
  }

  @Test
  void anErrorClosingAFailedConnectionIsKeptWithTheSendsOwnNotInsteadOfIt() throws Exception {
    KeptSmtpConnections service = faultyService();
    FaultyTransport.onSend = new OutOfMemoryError("writing the message");
    FaultyTransport.onClose = new StackOverflowError("closing");

    assertThatThrownBy(() -> send(service, "one")).isSameAs(FaultyTransport.onSend)
        .hasSuppressedException(FaultyTransport.onClose);
    assertThat(FaultyTransport.closed).isOne();
  }

  @Test
  void aKeptConnectionWhoseCheckFailsWithAnErrorIsClosed() throws Exception {
    KeptSmtpConnections service = faultyService();
    send(service, "one");
    FaultyTransport.onIsConnected = new OutOfMemoryError("checking the connection");

    assertThatThrownBy(() -> send(service, "two")).isSameAs(FaultyTransport.onIsConnected);
    assertThat(FaultyTransport.closed).isOne();
    FaultyTransport.onIsConnected = null;
    send(service, "three");
    assertThat(FaultyTransport.opened).isEqualTo(2);
  }

  @Test
  void afterShutDownEachMessageGoesOnAConnectionOfItsOwn() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    send(service, "before");

    service.shutDown();
    await(relay::openConnections, 0);
    send(service, "after", "later");

    await(relay::openConnections, 0);
    assertThat(received()).containsExactly("before", "after", "later");
    assertThat(relay.connections()).isEqualTo(3);
  }

  @Test
  void aMessageOnItsWayDuringShutDownGetsThroughAndItsConnectionIsClosed() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    send(service, "before");
    relay.holdReplies();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      Future<?> during = sender.submit(() -> {
        send(service, "during");
        return null;
      });
      // the kept connection's NOOP has been answered, the answer held: the message has its connection
      await(relay::repliesWaiting, 1);

      service.shutDown();
      relay.releaseReplies();
      during.get(30, TimeUnit.SECONDS);
    } finally {
      sender.shutdownNow();
    }

    await(relay::openConnections, 0);
    assertThat(received()).containsExactly("before", "during");
    assertThat(relay.connections()).isEqualTo(1);
  }

  @Test
  void aConnectionIsClosedAfterItsMessagesOrWhenIdleTooLong() throws Exception {
    send(service(2, Duration.ofMinutes(1)), "1", "2", "3", "4", "5");
    assertThat(relay.connections()).isEqualTo(3);

    send(service(100, Duration.ZERO), "6", "7");
    assertThat(relay.connections()).isEqualTo(5);
    assertThat(received()).containsExactly("1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void concurrentAnnouncementsEachGetAConnectionOfTheirOwn() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<?>> sends = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String subject = "message " + i;
      subjects.add(subject);
      sends.add(threads.submit(() -> {
        send(service, subject);
        return null;
      }));
    }
    for (Future<?> send : sends) {
      send.get();
    }
    threads.shutdown();

    assertThat(received()).containsExactlyInAnyOrderElementsOf(subjects);
    assertThat(relay.connections()).isBetween(1, 4);
  }

  /** A service whose connections are {@link FaultyTransport}s, which fail as told. */
  private KeptSmtpConnections faultyService() throws MessagingException {
    FaultyTransport.reset();
    Session faulty = Session.getInstance(session.getProperties());
    faulty.setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", FaultyTransport.class.getName(), "xepflow", "1"));
    return new KeptSmtpConnections(faulty, 100, Duration.ofMinutes(1), sweeper);
  }

  /** A connection that throws what a test tells it to, when sending, checking or closing. */
  public static final class FaultyTransport extends Transport {
    static Error onSend;
    static Error onIsConnected;
    static Error onClose;
    static int opened;
    static int closed;

    public FaultyTransport(Session session, URLName url) {
      super(session, url);
    }

    static void reset() {
      onSend = null;
      onIsConnected = null;
      onClose = null;
      opened = 0;
      closed = 0;
    }

    @Override
    protected boolean protocolConnect(String host, int port, String user, String password) {
      opened++;
      return true;
    }

    @Override
    public void sendMessage(Message message, Address[] addresses) {
      if (onSend != null) {
        throw onSend;
      }
    }

    @Override
    public synchronized boolean isConnected() {
      if (onIsConnected != null) {
        throw onIsConnected;
      }
      return super.isConnected();
    }

    @Override
    public synchronized void close() throws MessagingException {
      closed++;
      super.close();
      if (onClose != null) {
        throw onClose;
      }
    }
  }

  private KeptSmtpConnections service(int messagesPerConnection, Duration maxIdle) {
    return new KeptSmtpConnections(session, messagesPerConnection, maxIdle, sweeper);
  }

  private static void await(IntSupplier count, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (count.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(count.getAsInt()).isEqualTo(expected);
  }

  private static void send(KeptSmtpConnections service, String... subjects) throws MessagingException {
    for (String subject : subjects) {
      Message message = service.createMessage();
      address(message, subject);
      message.setText("XEP-0001");
      service.sendMessage(message);
    }
  }

  private static void address(Message message, String subject) throws MessagingException {
    message.setFrom(new InternetAddress("editor@xmpp.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("standards@xmpp.org"));
    message.setSubject(subject);
  }

  private List<String> received() {
    return Arrays.stream(server.getReceivedMessages()).map(message -> {
      try {
        return message.getSubject();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
