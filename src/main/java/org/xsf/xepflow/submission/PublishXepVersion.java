package org.xsf.xepflow.submission;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.SitePublisher;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/** "Publish version N": the XEP's newest version at its canonical address. */
@Component("publishXepVersion")
public class PublishXepVersion implements JavaDelegate {
  private final XepRepository xeps;
  private final SiteWriter site;
  private final SitePublisher publisher;

  public PublishXepVersion(XepRepository xeps, SiteWriter site, SitePublisher publisher) {
    this.xeps = xeps;
    this.site = site;
    this.publisher = publisher;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Xep xep = xeps.findById(new SubmissionVariables(execution).xepNumber()).orElseThrow();
    publisher.xepChanged(xep.getNumber());
    execution.setVariable("xepUrl", site.xepUrl(xep.getNumber()));
  }
}
