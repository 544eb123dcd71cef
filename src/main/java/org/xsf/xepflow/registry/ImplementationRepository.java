package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ImplementationRepository extends JpaRepository<Implementation, Long> {
  List<Implementation> findByXepNumberOrderById(Integer xepNumber);

  boolean existsByXepNumberAndNameIgnoreCase(Integer xepNumber, String name);
}
