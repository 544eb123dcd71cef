package org.xsf.xepflow.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProtoXepRepository extends JpaRepository<ProtoXep, Long> {
  /** A ProtoXEP's inbox name, read without its document. */
  interface InboxName {
    String getInboxName();
  }

  /** A ProtoXEP's id, read without its document. */
  interface Id {
    Long getId();
  }

  /** The ProtoXEP a XEP was accepted from; none for a XEP imported from the archive. */
  Optional<Id> findFirstByXepNumber(Integer xepNumber);

  /** The inbox names taken by a name and those starting with a prefix (LIKE's wildcards in it are escaped). */
  List<InboxName> findByInboxNameOrInboxNameStartingWith(String name, String prefix);
}
