package org.xsf.xepflow.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Standards list: embedded (GreenMail) or a real SMTP server, and the mail connector's settings. */
@Configuration
public class MailConfiguration {

  @Bean
  @ConfigurationProperties("xepflow.mail")
  MailSettings mailSettings() {
    return new MailSettings();
  }

  @Bean
  @ConditionalOnProperty(name = "xepflow.mail.embedded", havingValue = "true")
  EmbeddedStandardsList embeddedStandardsList(MailSettings settings) {
    return new EmbeddedStandardsList(settings.getSmtp().getHost(), settings.getSmtp().getPort());
  }

  @Bean
  MailConnector mailConnector(MailSettings settings, ObjectProvider<EmbeddedStandardsList> embedded) {
    EmbeddedStandardsList list = embedded.getIfAvailable();
    MailConnector connector = new MailConnector(settings, list != null ? list.port() : settings.getSmtp().getPort());
    connector.install();
    return connector;
  }
}
