package org.xsf.xepflow.registrar;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.RegistrarNamespaces;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.registry.XepVersion;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * "Read the protocol namespaces its XMPP Registrar Considerations name" from the document of the
 * version the XEP advanced with (its current one then, which always has its document): whether the
 * Registrar has anything to do ({@code registrarInteraction}), the namespaces found, one a line, as
 * the Editor's form starts with them ({@code registeredNamespaces}), and where they were found
 * ({@code namespaceFinding}).
 */
@Component("findRegistrarNamespaces")
public class FindRegistrarNamespaces implements JavaDelegate {
  private final XepVersionRepository versions;
  private final XepDocumentChecker documents;

  public FindRegistrarNamespaces(XepVersionRepository versions, XepDocumentChecker documents) {
    this.versions = versions;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String document = versions.findByXepNumberAndVersion((Integer) execution.getVariable("xepNumber"),
        (String) execution.getVariable("version")).orElseThrow().getDocument();
    RegistrarNamespaces found = RegistrarNamespaces.in(documents.read(document.getBytes(StandardCharsets.UTF_8)));
    execution.setVariable("registrarInteraction", found.found() != RegistrarNamespaces.Found.NO_INTERACTION);
    execution.setVariable("registeredNamespaces", String.join("\n", found.namespaces()));
    execution.setVariable("namespaceFinding", switch (found.found()) {
      case IN_SECTION -> "Its " + RegistrarNamespaces.SECTION + " name the namespaces below.";
      case IN_TEXT -> "Its " + RegistrarNamespaces.SECTION + " name none: the namespaces below are those its text"
          + " marks as its own or that carry its short name.";
      case NONE -> "No namespace was found in its " + RegistrarNamespaces.SECTION
          + ": read the section and list those to register.";
      case NO_INTERACTION -> "Its " + RegistrarNamespaces.SECTION + " say that it requires no interaction with the XMPP Registrar.";
    });
  }
}
