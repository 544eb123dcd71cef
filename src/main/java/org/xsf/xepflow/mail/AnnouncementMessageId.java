package org.xsf.xepflow.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Gives an announcement's mail a Message-ID made from its announcement process. A send cut short
 * after the server took the message (the JVM killed before the job committed) is sent again by the
 * job; with the same Message-ID the list and mail clients can drop the repeat, which a new random
 * one for every attempt kept them from doing.
 */
final class AnnouncementMessageId {
  private AnnouncementMessageId() {
  }

  static void stamp(Message message) throws MessagingException {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    if (context == null || !(message instanceof MimeMessage mime)) {
      return;
    }
    // once saved, writing the message does not save it again, which would draw a new Message-ID
    mime.saveChanges();
    mime.setHeader("Message-ID", "<" + context.getExecution().getProcessInstanceId() + "@" + domain(mime) + ">");
  }

  private static String domain(MimeMessage message) throws MessagingException {
    Address[] from = message.getFrom();
    String address = from != null && from.length > 0 && from[0] instanceof InternetAddress internet ? internet.getAddress() : null;
    return address != null && address.contains("@") ? address.substring(address.indexOf('@') + 1) : "xepflow";
  }
}
