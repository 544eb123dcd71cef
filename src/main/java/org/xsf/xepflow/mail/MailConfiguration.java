package org.xsf.xepflow.mail;

import java.util.Properties;
import org.camunda.bpm.extension.mail.config.JakartaMailProperties;
import org.camunda.bpm.extension.mail.service.JakartaMailService;
import org.camunda.bpm.extension.mail.service.MailServiceFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points the Camunda mail connector (mail-send) at the embedded Standards list or at the SMTP server
 * given in xepflow.mail.smtp.*. The connector keeps its settings in a static, so they are set here
 * once, before any announcement job can run.
 */
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
  MailConnectorSettings mailConnectorSettings(MailSettings settings,
      ObjectProvider<EmbeddedStandardsList> embedded) {
    EmbeddedStandardsList list = embedded.getIfAvailable();
    int port = list != null ? list.port() : settings.getSmtp().getPort();
    Properties properties = new Properties();
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", settings.getSmtp().getHost());
    properties.setProperty("mail.smtp.port", Integer.toString(port));
    properties.setProperty("mail.smtp.connectiontimeout", "10000");
    properties.setProperty("mail.smtp.timeout", "10000");
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.getSmtp().isStarttls()));
    boolean auth = !settings.getSmtp().getUser().isBlank();
    properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
    if (auth) {
      properties.setProperty("mail.user", settings.getSmtp().getUser());
      properties.setProperty("mail.password", settings.getSmtp().getPassword());
    }
    properties.setProperty("mail.sender", settings.getSender());
    properties.setProperty("mail.sender.alias", settings.getSenderAlias());
    JakartaMailProperties.set(properties);
    MailServiceFactory.getInstance().setWith(JakartaMailService::new);
    return new MailConnectorSettings(settings.getSmtp().getHost(), port);
  }

  /** The SMTP server the connector sends to. */
  public record MailConnectorSettings(String host, int port) {
  }
}
