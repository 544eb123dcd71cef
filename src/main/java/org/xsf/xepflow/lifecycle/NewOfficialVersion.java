package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.Xep;

/**
 * What follows a new official version of a XEP, however it came (a change published or approved, a
 * reversal): its pages and source, the lifecycle's version and address, and the end of a vote open on
 * an older revision, as a vote binds only the revision it was opened on (XEP-0001 section 8).
 */
@Component
public class NewOfficialVersion {
  static final String NEW_REVISION = "NewRevision";
  private final SiteWriter site;
  private final SitePublisher publisher;

  public NewOfficialVersion(SiteWriter site, SitePublisher publisher) {
    this.site = site;
    this.publisher = publisher;
  }

  void published(DelegateExecution execution, Xep xep, String version) {
    publisher.xepChanged(xep.getNumber());
    execution.setVariable("xepUrl", site.xepUrl(xep.getNumber()));
    execution.setVariable("version", version);
    // The author or Editor publishing the revision need not be allowed to touch the vote itself.
    Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(NEW_REVISION)
            .processInstanceVariableEquals("xepNumber", xep.getNumber()).correlateAllWithResult());
  }
}
