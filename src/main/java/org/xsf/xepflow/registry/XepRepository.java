package org.xsf.xepflow.registry;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * No query strings here (nor in the other repositories): Spring Data parses each at start-up with
 * an HQL grammar whose first parse is slow (2.5 s of xepflow's start on these machines); derived
 * queries and {@link XepListings}' criteria are built without parsing.
 */
public interface XepRepository extends JpaRepository<Xep, Integer> {
  Optional<Xep> findFirstByOrderByNumberDesc();
}
