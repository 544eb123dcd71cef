package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of XEPs with their current versions in two small queries: loading the XEPs themselves
 * would read every version's document, which made lists and the site index grow with the
 * size of the whole registry. Criteria queries, not query strings (see {@link XepRepository}).
 */
@Component
public class XepListings {
  private static final int IN_CLAUSE = 1000;
  private final EntityManager entityManager;

  public XepListings(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** One page of the XEPs of a status and type (null: any), by number. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Page<XepListing> find(XepStatus status, XepType type, int page, int size) {
    // a page past what an int can skip is past any registry: empty, with the total
    int offset = (int) Math.min(Integer.MAX_VALUE, (long) page * size);
    TypedQuery<Tuple> listings = listings(status, type).setFirstResult(offset).setMaxResults(size);
    List<XepListing> found = listings.getResultList().stream().map(XepListings::listing).toList();
    List<Integer> numbers = found.stream().map(XepListing::number).toList();
    Map<Integer, Current> current = new HashMap<>();
    for (int from = 0; from < numbers.size(); from += IN_CLAUSE) {
      current.putAll(currentVersions(numbers.subList(from, Math.min(numbers.size(), from + IN_CLAUSE))));
    }
    return PageableExecutionUtils.getPage(found.stream().map(x -> x.withVersion(current.get(x.number()))).toList(),
        PageRequest.of(page, size, Sort.by("number")), () -> count(status, type));
  }

  /**
   * Every XEP, by number. The XEPs are read before their versions: a XEP is committed with its first
   * version, so the versions read after it include its own. Read the other way round, a XEP accepted
   * in between had none, and the site index failed on it ("Input is required", 54 times in 6,000
   * lifecycles on H2): REPEATABLE READ allows phantom reads, rows that others committed meanwhile.
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public List<XepListing> all() {
    List<XepListing> xeps = listings(null, null).getResultList().stream().map(XepListings::listing).toList();
    Map<Integer, Current> current = currentVersions(null);
    return xeps.stream().map(x -> x.withVersion(current.get(x.number()))).toList();
  }

  /**
   * The current versions of these XEPs, by number (a XEP without one is left out), read in the caller's
   * transaction: SitePublisher's own, begun on a connection its thread holds already.
   */
  public Map<Integer, String> currentVersionsOf(Set<Integer> numbers) {
    List<Integer> named = List.copyOf(numbers);
    Map<Integer, String> current = new HashMap<>();
    for (int from = 0; from < named.size(); from += IN_CLAUSE) {
      currentVersions(named.subList(from, Math.min(named.size(), from + IN_CLAUSE)))
          .forEach((number, version) -> current.put(number, version.version()));
    }
    return current;
  }

  private TypedQuery<Tuple> listings(XepStatus status, XepType type) {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Tuple> query = cb.createTupleQuery();
    Root<Xep> xep = query.from(Xep.class);
    query.multiselect(xep.get("number"), xep.get("title"), xep.get("type"), xep.get("status"), xep.get("lastUpdated"))
        .where(filters(cb, xep, status, type)).orderBy(cb.asc(xep.get("number")));
    return entityManager.createQuery(query);
  }

  private long count(XepStatus status, XepType type) {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Long> query = cb.createQuery(Long.class);
    Root<Xep> xep = query.from(Xep.class);
    query.select(cb.count(xep)).where(filters(cb, xep, status, type));
    return entityManager.createQuery(query).getSingleResult();
  }

  private static Predicate[] filters(CriteriaBuilder cb, Root<Xep> xep, XepStatus status, XepType type) {
    List<Predicate> filters = new ArrayList<>();
    if (status != null) {
      filters.add(cb.equal(xep.get("status"), status));
    }
    if (type != null) {
      filters.add(cb.equal(xep.get("type"), type));
    }
    return filters.toArray(Predicate[]::new);
  }

  private static XepListing listing(Tuple row) {
    return new XepListing(row.get(0, Integer.class), row.get(1, String.class), row.get(2, XepType.class),
        row.get(3, XepStatus.class), row.get(4, Instant.class), "", false);
  }

  /** A XEP's current version, and whether it was published as an editorial change. */
  record Current(String version, boolean editorial) {
  }

  /**
   * The current version of these XEPs (null: of every XEP, cheaper than naming them all). Read
   * oldest first: the last one seen is the current version, as in Xep.currentVersion().
   */
  private Map<Integer, Current> currentVersions(Collection<Integer> numbers) {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Tuple> query = cb.createTupleQuery();
    Root<XepVersion> version = query.from(XepVersion.class);
    Path<Integer> number = version.get("xep").get("number");
    Predicate official = cb.isFalse(version.get("provisional"));
    query.multiselect(number, version.get("version"), version.get("editorial")).where(numbers == null ? official : cb.and(official, number.in(numbers)))
        .orderBy(cb.asc(version.get("publishedAt")), cb.asc(version.get("id")));
    Map<Integer, Current> current = new HashMap<>();
    entityManager.createQuery(query).getResultList().forEach(row -> current.put(row.get(0, Integer.class),
        new Current(row.get(1, String.class), row.get(2, Boolean.class))));
    return current;
  }
}
