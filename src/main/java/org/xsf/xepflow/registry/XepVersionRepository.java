package org.xsf.xepflow.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface XepVersionRepository extends JpaRepository<XepVersion, Long> {
  List<XepVersion> findTop50ByProvisionalFalseOrderByPublishedAtDescIdDesc();

  /**
   * The name of a XEP's current version, as {@link Xep#currentVersion()}, read without any version's
   * document: a change of status needs no more (loading the versions read every document the XEP ever had).
   */
  default String currentVersionOf(Xep xep) {
    return findFirstByXepAndProvisionalFalseOrderByPublishedAtDescIdDesc(xep).orElseThrow().getVersion();
  }

  /** By the XEP itself rather than its number: compared by the key column, without a join. */
  Optional<VersionName> findFirstByXepAndProvisionalFalseOrderByPublishedAtDescIdDesc(Xep xep);

  /** A projection: the query selects this column only. */
  interface VersionName {
    String getVersion();
  }
}
