package org.xsf.xepflow.registry;

import java.util.Set;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProtoXepRepository extends JpaRepository<ProtoXep, Long> {
  /** The inbox names taken by a name (a slug, without LIKE's wildcards) and its numbered variants. */
  @Query("select p.inboxName from ProtoXep p where p.inboxName = :base or p.inboxName like concat(:base, '-%')")
  Set<String> inboxNamesLike(@Param("base") String base);
}
