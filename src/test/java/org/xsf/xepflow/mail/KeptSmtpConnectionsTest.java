package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", "127.0.0.1");
    properties.setProperty("mail.smtp.port", Integer.toString(relay.port()));
    properties.setProperty("mail.smtp.ehlo", "false");
    session = Session.getInstance(properties);
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

    awaitZero(relay::openConnections);
    assertThat(received()).containsExactly("the last announcement");
  }

  @Test
  void afterShutDownEachMessageGoesOnAConnectionOfItsOwn() throws Exception {
    KeptSmtpConnections service = service(100, Duration.ofMinutes(1));
    send(service, "before");

    service.shutDown();
    awaitZero(relay::openConnections);
    send(service, "after", "later");

    awaitZero(relay::openConnections);
    assertThat(received()).containsExactly("before", "after", "later");
    assertThat(relay.connections()).isEqualTo(3);
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

  private KeptSmtpConnections service(int messagesPerConnection, Duration maxIdle) {
    return new KeptSmtpConnections(session, messagesPerConnection, maxIdle, sweeper);
  }

  private static void awaitZero(IntSupplier count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (count.getAsInt() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(count.getAsInt()).isZero();
  }

  private static void send(KeptSmtpConnections service, String... subjects) throws MessagingException {
    for (String subject : subjects) {
      Message message = service.createMessage();
      message.setFrom(new InternetAddress("editor@xmpp.org"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("standards@xmpp.org"));
      message.setSubject(subject);
      message.setText("XEP-0001");
      service.sendMessage(message);
    }
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
