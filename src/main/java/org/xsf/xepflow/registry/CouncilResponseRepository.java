package org.xsf.xepflow.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CouncilResponseRepository extends JpaRepository<CouncilResponse, Long> {
  List<CouncilResponse> findByProtoXepIdOrderByRespondedAtAscIdAsc(Long protoXepId);
}
