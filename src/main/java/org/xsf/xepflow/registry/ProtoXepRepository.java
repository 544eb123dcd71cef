package org.xsf.xepflow.registry;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ProtoXepRepository extends JpaRepository<ProtoXep, Long> {
  boolean existsByInboxName(String inboxName);
}
