package org.xsf.xepflow.mail;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A simple archive page of what the embedded Standards list received, newest first. */
@RestController
public class StandardsListArchive {
  private final ObjectProvider<EmbeddedStandardsList> list;
  private final MailSettings settings;

  public StandardsListArchive(ObjectProvider<EmbeddedStandardsList> list, MailSettings settings) {
    this.list = list;
    this.settings = settings;
  }

  @GetMapping(value = "/lists/standards", produces = MediaType.TEXT_HTML_VALUE)
  public String archive() throws MessagingException, IOException {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        + "<title>Standards list archive</title></head><body><h1>Standards list archive</h1>");
    EmbeddedStandardsList embedded = list.getIfAvailable();
    if (embedded == null) {
      html.append("<p>Announcements go to ").append(htmlEscape(settings.getStandardsList()))
          .append(" through the SMTP server ").append(htmlEscape(settings.getSmtp().getHost()))
          .append("; its archive is kept there.</p>");
    } else {
      List<MimeMessage> messages = toTheList(embedded.messages());
      html.append("<p>").append(messages.size()).append(" messages to ")
          .append(htmlEscape(settings.getStandardsList())).append("</p>");
      for (MimeMessage message : messages) {
        html.append("<article><h2>").append(htmlEscape(String.valueOf(message.getSubject())))
            .append("</h2><p>From ").append(htmlEscape(String.join(", ", addresses(message))))
            .append(", ").append(message.getSentDate()).append("</p><pre>")
            .append(htmlEscape(String.valueOf(message.getContent()))).append("</pre></article>");
      }
    }
    return html.append("</body></html>").toString();
  }

  /**
   * Newest first, and only what was sent to the list: the embedded server also receives the mails
   * meant for one person (an author's reminder), which are not the list's to publish.
   */
  private List<MimeMessage> toTheList(List<MimeMessage> received) throws MessagingException {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : received) {
      Address[] recipients = message.getAllRecipients();
      if (recipients != null && Arrays.stream(recipients)
          .anyMatch(to -> to.toString().equalsIgnoreCase(settings.getStandardsList()))) {
        messages.add(0, message);
      }
    }
    return messages;
  }

  private static List<String> addresses(MimeMessage message) throws MessagingException {
    return message.getFrom() == null ? List.of()
        : Arrays.stream(message.getFrom()).map(Object::toString).toList();
  }
}
