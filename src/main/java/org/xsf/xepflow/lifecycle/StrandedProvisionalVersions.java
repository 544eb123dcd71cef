package org.xsf.xepflow.lifecycle;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.publication.ProvisionalCopies;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * At start: a provisional change still pending whose new-version process no longer runs is withdrawn,
 * as its end would have withdrawn it ({@link WithdrawProvisionalVersion}): it ended unapproved on a
 * new-version older than the withdrawal (before the forty-third session), or an operator deleted it
 * without its listeners. Its row is marked withdrawn and its copy leaves tmp/. A change whose process
 * runs, on this node or another, stays pending.
 */
@Component
public class StrandedProvisionalVersions implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StrandedProvisionalVersions.class);
  private final XepVersionRepository versions;
  private final RuntimeService runtime;
  private final ProvisionalCopies tmp;
  private final TransactionTemplate transaction;

  public StrandedProvisionalVersions(XepVersionRepository versions, RuntimeService runtime, ProvisionalCopies tmp,
      PlatformTransactionManager transactions) {
    this.versions = versions;
    this.runtime = runtime;
    this.tmp = tmp;
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(tx -> {
      List<XepVersionRepository.Pending> pending = versions.findByProvisionalTrueAndWithdrawnFalse();
      for (XepVersionRepository.Pending change : pending) {
        // kept: a change under review or vote, and one that another node approved or withdrew since it was read
        if (!running(change) && versions.withdrawIfPending(change.id())) {
          LOG.warn("Withdrew version {} of XEP {} from tmp/: its change ended without the Council's approval",
              change.version(), change.xepNumber());
          // its copy stays if it is also that of another change of the XEP (1.1-1 stranded, 1.1_1 under vote)
          tmp.provisionalsEnded(change.xepNumber(), List.of(change.version()), pending.stream()
              .filter(other -> other.xepNumber().equals(change.xepNumber()) && !other.equals(change))
              .map(XepVersionRepository.Pending::version).toList());
        }
      }
    });
  }

  /**
   * The change's process runs: a new-version with the variables its provisional publication was made from
   * ({@link PublishProvisionalVersion}), the XEP's number, which every lifecycle passes it (the business
   * key only those since the API), and the version ({@link CheckNewVersion}).
   */
  private boolean running(XepVersionRepository.Pending change) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("new-version")
        .variableValueEquals("xepNumber", change.xepNumber())
        .variableValueEquals("newVersion", change.version()).count() > 0;
  }
}
