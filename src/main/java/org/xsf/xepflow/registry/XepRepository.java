package org.xsf.xepflow.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface XepRepository extends JpaRepository<Xep, Integer> {
  @Query("select max(x.number) from Xep x")
  Optional<Integer> highestNumber();
}
