package org.xsf.xepflow.mail;

import java.time.Duration;

/**
 * Where announcements go (xepflow.mail.*). Diagrams read the list address from the bean
 * {@code mailSettings}, e.g. {@code ${mailSettings.standardsList}}.
 */
public class MailSettings {
  private String standardsList;
  private String sender;
  private String senderAlias;
  private boolean embedded;
  private final Smtp smtp = new Smtp();

  public String getStandardsList() {
    return standardsList;
  }

  public void setStandardsList(String standardsList) {
    this.standardsList = standardsList;
  }

  public String getSender() {
    return sender;
  }

  public void setSender(String sender) {
    this.sender = sender;
  }

  public String getSenderAlias() {
    return senderAlias;
  }

  public void setSenderAlias(String senderAlias) {
    this.senderAlias = senderAlias;
  }

  public boolean isEmbedded() {
    return embedded;
  }

  public void setEmbedded(boolean embedded) {
    this.embedded = embedded;
  }

  public Smtp getSmtp() {
    return smtp;
  }

  /** The SMTP server (xepflow.mail.smtp.*); with embedded=true, host and port of the embedded one. */
  public static class Smtp {
    private String host = "127.0.0.1";
    private int port;
    private String user = "";
    private String password = "";
    private boolean starttls;
    /** TLS from the connection's start (SMTPS, port 465), instead of STARTTLS. */
    private boolean ssl;
    private int messagesPerConnection = 100;
    private Duration connectionIdleTimeout = Duration.ofSeconds(30);

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getUser() {
      return user;
    }

    public void setUser(String user) {
      this.user = user;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public boolean isStarttls() {
      return starttls;
    }

    public void setStarttls(boolean starttls) {
      this.starttls = starttls;
    }

    public boolean isSsl() {
      return ssl;
    }

    public void setSsl(boolean ssl) {
      this.ssl = ssl;
    }

    public int getMessagesPerConnection() {
      return messagesPerConnection;
    }

    public void setMessagesPerConnection(int messagesPerConnection) {
      this.messagesPerConnection = messagesPerConnection;
    }

    public Duration getConnectionIdleTimeout() {
      return connectionIdleTimeout;
    }

    public void setConnectionIdleTimeout(Duration connectionIdleTimeout) {
      this.connectionIdleTimeout = connectionIdleTimeout;
    }
  }
}
