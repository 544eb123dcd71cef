package org.xsf.xepflow.lifecycle;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.publication.ProvisionalCopies;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepVersion;

/**
 * "Publish the new version" (XEP-0001 section 6): put under source control in the XEPs database,
 * published at the XEP's canonical address, marked as an editorial change when the Editor published it
 * as not material; a change the Council approved leaves tmp/, where it was provisional. A vote open on
 * an older revision no longer applies.
 */
@Component("publishNewVersion")
public class PublishNewVersion implements JavaDelegate {
  private final XepRepository xeps;
  private final NewOfficialVersion newOfficialVersion;
  private final ProvisionalCopies tmp;

  public PublishNewVersion(XepRepository xeps, NewOfficialVersion newOfficialVersion, ProvisionalCopies tmp) {
    this.xeps = xeps;
    this.newOfficialVersion = newOfficialVersion;
    this.tmp = tmp;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String version = vars.string("newVersion");
    Optional<XepVersion> provisional = xep.version(version).filter(XepVersion::isPending);
    provisional.ifPresentOrElse(approved -> approved.approve(now),
        () -> xep.publish(version, vars.string("versionInitials"), vars.string("versionRemark"),
            vars.string("xml"), now, vars.flag("editorialChange")));
    execution.setVariable("versionPublished", true);
    execution.setVariable("lastUpdated", Date.from(now));
    newOfficialVersion.published(execution, xep, version);
    // after the XEP's pages, as it asks after them: its copy stays in tmp/ until the XEP's page shows the version
    provisional.ifPresent(approved -> tmp.provisionalEnded(xep.getNumber(), version));
  }
}
