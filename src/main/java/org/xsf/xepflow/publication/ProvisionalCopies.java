package org.xsf.xepflow.publication;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepVersion;
import org.xsf.xepflow.registry.XepVersionRepository;
import org.xsf.xepflow.transaction.AfterCommit;

/**
 * The site's tmp/: the copies of the provisionally published changes (XEP-0001 section 8.1), written once
 * their step commits and removed once their change ends, approved or withdrawn, after its commit. At start
 * tmp/ is brought in line with the database: it holds the copies of the pending versions, and no others.
 */
@Component
public class ProvisionalCopies implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionalCopies.class);
  private final SiteWriter site;
  private final XepVersionRepository versions;
  private final TransactionTemplate readOnly;

  public ProvisionalCopies(SiteWriter site, XepVersionRepository versions, PlatformTransactionManager transactions) {
    this.site = site;
    this.versions = versions;
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    readOnly.setReadOnly(true);
  }

  /**
   * A material change to a Draft XEP is published provisionally (XEP-0001 section 8.1): its page is rendered
   * now, with the transaction's data, and its copy written to tmp/ once the step commits, as a XEP's pages
   * ({@link SitePublisher}). A step that rolls back writes nothing (an error later in it, or another person completing
   * the same review first): written before the commit, its copy stayed in tmp/ for good, a version the database
   * did not have. What a stop in between kept from tmp/ is written at the next start ({@link #run}).
   *
   * @return the address of its page in tmp/
   */
  public String provisionallyPublished(Xep xep, String version, String document) {
    SiteWriter.ProvisionalCopy copy = site.provisionalCopy(xep, version, document);
    AfterCommit.run(() -> writeProvisional(copy));
    return site.provisionalUrl(xep.getNumber(), version);
  }

  private void writeProvisional(SiteWriter.ProvisionalCopy copy) {
    try {
      site.write(copy);
    } catch (RuntimeException e) {
      // The database is right; the next start writes it.
      LOG.error("Could not write version {} of XEP {} to tmp/", copy.version(), copy.number(), e);
    }
  }

  /**
   * A provisional version ended: approved, and published at the XEP's own address, or withdrawn. Its copy
   * leaves tmp/ once the step commits, and stays if it rolls back; what a stop in between kept there is
   * removed at the next start ({@link #run}).
   */
  public void provisionalEnded(int number, String version) {
    provisionalsEnded(number, List.of(version), List.of());
  }

  /**
   * Versions of a XEP ended, as {@link #provisionalEnded}, while these others are still pending: a copy that is
   * also a pending version's stays (two versions written alike in a file name, 1.1-1 and 1.1_1).
   */
  public void provisionalsEnded(int number, Collection<String> ended, Collection<String> pending) {
    AfterCommit.run(() -> removeProvisionals(number, ended, pending));
  }

  private void removeProvisionals(int number, Collection<String> ended, Collection<String> pending) {
    try {
      site.removeProvisionals(number, ended, pending);
    } catch (RuntimeException e) {
      // The database is right; the next start removes them.
      LOG.error("Could not remove versions {} of XEP {} from tmp/", ended, number, e);
    }
  }

  /**
   * At start, tmp/ holds the copies of the pending versions and no others. Copies of versions that are not pending
   * go: official (approved) or withdrawn, which a stop between a change's end and the removal left there, as did
   * every approval before its copy was removed; and those of versions the database does not have, left by steps
   * that rolled back when copies were written before the commit (an xepflow older than this one: upgrade every node
   * at once, or a start removes an older node's copy before its commit, to be written again at a later start). A
   * copy is written only after its version's commit ({@link #provisionallyPublished}), so tmp/ is listed before the
   * database is read: a copy listed has its version committed by then, and one written since, by another node, is
   * not touched. Then the pending versions whose copy is missing (a stop came between their commit and its
   * writing) are written.
   */
  @Override
  public void run(ApplicationArguments args) {
    List<XepVersionRepository.Pending> pending;
    try {
      Map<Integer, Set<String>> copies = site.provisionalsInTmp();
      pending = readOnly.execute(tx -> versions.findByProvisionalTrueAndWithdrawnFalse());
      removeNotPending(copies, pending);
    } catch (RuntimeException e) {
      // The database is right; the next start tries again.
      LOG.error("Could not read tmp/ or the pending provisional versions", e);
      return;
    }
    writeMissingProvisionals(pending);
  }

  private void removeNotPending(Map<Integer, Set<String>> copies, List<XepVersionRepository.Pending> pending) {
    try {
      copies.forEach((number, names) -> site.removeProvisionalsBut(number, names, versionsOf(number, pending)));
    } catch (RuntimeException e) {
      // The database is right; the next start tries again.
      LOG.error("Could not remove the ended provisional versions from tmp/", e);
    }
  }

  private static List<String> versionsOf(int number, List<XepVersionRepository.Pending> pending) {
    return pending.stream().filter(change -> change.xepNumber() == number).map(XepVersionRepository.Pending::version)
        .toList();
  }

  /**
   * Writes to tmp/ the copy of each pending provisional version that is not there. One that ended meanwhile, on
   * another node, whose removal may have come before this writing, leaves again.
   */
  private void writeMissingProvisionals(List<XepVersionRepository.Pending> pending) {
    try {
      List<XepVersionRepository.Pending> missing = pending.stream()
          .filter(change -> !site.hasProvisional(change.xepNumber(), change.version())).toList();
      if (missing.isEmpty()) {
        return;
      }
      LOG.warn("Writing to tmp/ {} provisional versions a stop kept from it: {}", missing.size(), missing);
      for (XepVersionRepository.Pending change : missing) {
        SiteWriter.ProvisionalCopy copy = readOnly.execute(tx -> {
          XepVersion version = versions.findById(change.id()).orElseThrow();
          return site.provisionalCopy(version.getXep(), version.getVersion(), version.getDocument());
        });
        site.write(copy);
      }
      List<XepVersionRepository.Pending> still = readOnly.execute(tx -> versions.findByProvisionalTrueAndWithdrawnFalse());
      for (XepVersionRepository.Pending change : missing) {
        if (!still.contains(change)) {
          site.removeProvisionals(change.xepNumber(), List.of(change.version()), versionsOf(change.xepNumber(), still));
        }
      }
    } catch (RuntimeException e) {
      // The database is right; the next start tries again.
      LOG.error("Could not write the pending provisional versions to tmp/", e);
    }
  }
}
