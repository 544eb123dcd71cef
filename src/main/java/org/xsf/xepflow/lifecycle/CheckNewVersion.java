package org.xsf.xepflow.lifecycle;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.document.CheckedDocument;
import org.xsf.xepflow.document.DocumentChanges;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.document.FindingsText;
import org.xsf.xepflow.document.Revision;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;

/**
 * "Check the new version": it must be this XEP, carry a revision entry for a version not yet
 * published and numbered after its versions, and its format is checked like a ProtoXEP's. Findings go
 * to the Editor, with what changed since the XEP's current version (a unified diff, {@code changes}, which
 * a vote on the change shows its voters too): a revised version is compared afresh.
 */
@Component("checkNewVersion")
public class CheckNewVersion implements JavaDelegate {
  private final XepDocumentChecker checker;
  private final XepRepository xeps;

  public CheckNewVersion(XepDocumentChecker checker, XepRepository xeps) {
    this.checker = checker;
    this.xeps = xeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    String xml = vars.string("xml");
    if (xml == null || xml.isBlank()) {
      throw new DocumentRejectedException("No XEP document was submitted.");
    }
    CheckedDocument checked = checker.check(xml.getBytes(StandardCharsets.UTF_8));
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    String number = checked.header().number() == null ? "" : checked.header().number().trim();
    if (!number.matches("\\d+") || Integer.parseInt(number) != xep.getNumber()) {
      throw new DocumentRejectedException("This document says it is XEP " + number + ", not " + xep.label() + ".");
    }
    if (checked.header().revisions().isEmpty()) {
      throw new DocumentRejectedException("The document has no revision entry for the new version.");
    }
    Revision newest = checked.header().revisions().get(0);
    if (!newest.numbered()) {
      throw new DocumentRejectedException("The newest revision entry has no version.");
    }
    numberedAfterItsVersions(xep, newest.version());
    execution.setVariable("newVersion", newest.version());
    execution.setVariable("versionRemark", newest.remark());
    execution.setVariable("versionInitials", newest.initials());
    execution.setVariable("findingsCount", checked.findings().size());
    execution.setVariable("findings", FindingsText.of(checked));
    // the versions, with their documents, are read already (VersionNumbers)
    XepVersion current = xep.currentVersion();
    execution.setVariable("changes", DocumentChanges.between(
        xep.label() + " version " + current.getVersion() + " (current)", current.getDocument(),
        xep.label() + " version " + newest.version() + " (submitted)", xml));
  }

  /** Versions go up ({@link VersionNumbers}). */
  private static void numberedAfterItsVersions(Xep xep, String version) {
    VersionNumbers.taken(xep, version).ifPresent(taken -> {
      String written = taken.getVersion().equals(version) ? "" : " (as " + taken.getVersion() + ")";
      throw new DocumentRejectedException("Version " + version + " of " + xep.label() + written + (taken.isProvisional()
          ? " was proposed as a change that was not approved: give the new version a number of its own."
          : " is already published: add a revision entry for the new version."));
    });
    VersionNumbers.notAfter(xep, version).ifPresent(latest -> {
      throw new DocumentRejectedException("Version " + version + " does not come after version " + latest + " of "
          + xep.label() + ": number the new version after it.");
    });
  }
}
