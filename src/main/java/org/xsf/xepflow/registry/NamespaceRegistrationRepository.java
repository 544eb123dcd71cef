package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NamespaceRegistrationRepository extends JpaRepository<NamespaceRegistration, Long> {
  List<NamespaceRegistration> findByXepNumberOrderById(Integer xepNumber);
}
