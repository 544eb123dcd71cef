package org.xsf.xepflow.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface XepRepository extends JpaRepository<Xep, Integer> {
  /** The XEPs of a status and type (null: any), without their versions; see {@link XepListings}. */
  @Query(value = "select new org.xsf.xepflow.registry.XepListing(x.number, x.title, x.type, x.status, x.lastUpdated, '')"
      + " from Xep x where (:status is null or x.status = :status) and (:type is null or x.type = :type)",
      countQuery = "select count(x) from Xep x where (:status is null or x.status = :status) and (:type is null or x.type = :type)")
  Page<XepListing> listings(@Param("status") XepStatus status, @Param("type") XepType type, Pageable page);

  /** Number and version of the official versions of these XEPs, oldest first (no documents). */
  @Query("select v.xep.number, v.version from XepVersion v where v.provisional = false and v.xep.number in :numbers"
      + " order by v.publishedAt, v.id")
  List<Object[]> officialVersions(@Param("numbers") Collection<Integer> numbers);

  /** The same for every XEP: for the whole list, cheaper than naming them all. */
  @Query("select v.xep.number, v.version from XepVersion v where v.provisional = false order by v.publishedAt, v.id")
  List<Object[]> officialVersions();

  @Query("select max(x.number) from Xep x")
  Optional<Integer> highestNumber();
}
