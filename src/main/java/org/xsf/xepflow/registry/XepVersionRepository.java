package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface XepVersionRepository extends JpaRepository<XepVersion, Long>, CurrentVersionQuery {
  List<XepVersion> findTop50ByProvisionalFalseOrderByPublishedAtDescIdDesc();

  List<XepVersion> findByXepNumberOrderByPublishedAtAscIdAsc(Integer xepNumber);
}
