package org.xsf.xepflow.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface XepVersionRepository extends JpaRepository<XepVersion, Long>, CurrentVersionQuery, PendingWithdrawal {
  List<XepVersion> findTop50ByProvisionalFalseOrderByPublishedAtDescIdDesc();

  /** A version's number, read without its document. */
  interface Number {
    String getVersion();

    /** Not official: in tmp/ waiting for its approval, or withdrawn. */
    boolean isProvisional();
  }

  /** A change in tmp/ awaiting the Council's approval, read without its document. */
  record Pending(Long id, Integer xepNumber, String version) {
  }

  /** The changes in tmp/ awaiting the Council's approval (few: material changes to Draft XEPs under vote). */
  List<Pending> findByProvisionalTrueAndWithdrawnFalse();

  /** One version of a XEP with its document, without the others'. */
  Optional<XepVersion> findByXepNumberAndVersion(Integer xepNumber, String version);

  /** A XEP's version numbers, oldest first. */
  List<Number> findByXepNumberOrderByPublishedAtAscIdAsc(Integer xepNumber);
}
