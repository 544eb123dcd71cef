package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MailConnectorTest {

  @Test
  void jakartaMailIsToldItsStreamProviderByTheNameItsServiceLoaderFinds() {
    MailConnector.nameStreamProvider();

    Class<?> found = ServiceLoader.load(StreamProvider.class).findFirst().orElseThrow().getClass();
    assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(found.getName());
    assertThat(StreamProvider.provider()).isInstanceOf(found);
  }

  @Test
  void withStarttlsAServerThatOffersNoneGetsNoLogin() {
    GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    server.start();
    try {
      MailSettings settings = new MailSettings();
      settings.setSender("editor@xmpp.org");
      settings.setSenderAlias("XMPP Extensions Editor");
      settings.getSmtp().setStarttls(true);
      settings.getSmtp().setUser("editor");
      settings.getSmtp().setPassword("secret");
      Session session = Session.getInstance(new MailConnector(settings, server.getSmtp().getPort()).sessionProperties());

      // before, the connection went on without TLS and sent the login in clear (GreenMail offers no STARTTLS)
      assertThatThrownBy(() -> {
        try (Transport transport = session.getTransport()) {
          transport.connect("editor", "secret");
        }
      }).isInstanceOf(MessagingException.class).hasMessageContaining("STARTTLS");
    } finally {
      server.stop();
    }
  }
}
