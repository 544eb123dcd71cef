package org.xsf.xepflow.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface XepRepository extends JpaRepository<Xep, Integer> {
  @Query("select x from Xep x where (:status is null or x.status = :status) and (:type is null or x.type = :type)"
      + " order by x.number")
  java.util.List<Xep> search(@org.springframework.data.repository.query.Param("status") XepStatus status,
      @org.springframework.data.repository.query.Param("type") XepType type);

  @Query("select max(x.number) from Xep x")
  Optional<Integer> highestNumber();
}
