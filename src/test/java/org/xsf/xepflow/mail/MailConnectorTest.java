package org.xsf.xepflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

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
}
