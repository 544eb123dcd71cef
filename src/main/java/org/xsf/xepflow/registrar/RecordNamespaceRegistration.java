package org.xsf.xepflow.registrar;

import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.identity.Actor;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.registry.NamespaceRegistration;
import org.xsf.xepflow.registry.NamespaceRegistrationRepository;
import org.xsf.xepflow.registry.XepStatus;

/**
 * Records the protocol namespaces whose registration the Editor initiated, as the Editor corrected
 * the list: one a line, each a URI (urn:xmpp:..., http://jabber.org/protocol/..., jabber:iq:...);
 * none when nothing was to be registered after all. The published registry of protocol namespaces
 * follows once the step commits.
 */
@Component("recordNamespaceRegistration")
public class RecordNamespaceRegistration implements TaskListener {
  /** A scheme and what follows it, with no space: the form of every namespace the Registrar keeps. */
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
  private final NamespaceRegistrationRepository registrations;
  private final SitePublisher publisher;

  public RecordNamespaceRegistration(NamespaceRegistrationRepository registrations, SitePublisher publisher) {
    this.registrations = registrations;
    this.publisher = publisher;
  }

  @Override
  public void notify(DelegateTask task) {
    String text = (String) task.getVariable("registeredNamespaces");
    List<String> namespaces = text == null ? List.of()
        : text.lines().map(String::trim).filter(line -> !line.isEmpty()).distinct().toList();
    for (String namespace : namespaces) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new InvalidInputException("\"" + namespace + "\" is not a namespace: write one a line, such as"
            + " urn:xmpp:example:0 or http://jabber.org/protocol/example.");
      }
    }
    InvalidInputException.atMost("The namespaces", String.join("\n", namespaces), NamespaceRegistration.NAMESPACES);
    registrations.save(new NamespaceRegistration((Integer) task.getVariable("xepNumber"),
        (String) task.getVariable("version"), XepStatus.valueOf((String) task.getVariable("status")), namespaces,
        Actor.current(), ClockUtil.getCurrentTime().toInstant()));
    publisher.namespacesRegistered();
  }
}
