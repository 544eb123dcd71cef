package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProtoXepRepository extends JpaRepository<ProtoXep, Long> {
  /** A ProtoXEP's inbox name, read without its document. */
  interface InboxName {
    String getInboxName();
  }

  /** The inbox names taken by a name and those starting with a prefix (LIKE's wildcards in it are escaped). */
  List<InboxName> findByInboxNameOrInboxNameStartingWith(String name, String prefix);
}
