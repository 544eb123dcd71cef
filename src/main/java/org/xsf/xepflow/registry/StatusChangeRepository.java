package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StatusChangeRepository extends JpaRepository<StatusChange, Long> {
  List<StatusChange> findTop50ByOrderByChangedAtDescIdDesc();
}
