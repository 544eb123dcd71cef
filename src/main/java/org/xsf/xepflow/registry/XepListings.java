package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * size of the whole registry. Query strings, which Hibernate translates once and keeps in its plan
 * cache (it translates a criteria query again on every call); not {@code @Query}s, which Spring Data
 * would parse at start-up (see {@link XepRepository}).
 */
@Component
public class XepListings {
  private static final int IN_CLAUSE = 1000;
  private static final String LISTINGS = "select x.number, x.title, x.type, x.status, x.lastUpdated from Xep x";
  private static final String COUNT = "select count(x) from Xep x";
  /** Oldest first: the last one seen is the current version, as in Xep.currentVersion(). */
  private static final String VERSIONS = "select v.xep.number, v.version from XepVersion v where v.provisional = false";
  private static final String VERSIONS_ORDER = " order by v.publishedAt, v.id";
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
    Map<Integer, String> current = new HashMap<>();
    for (int from = 0; from < numbers.size(); from += IN_CLAUSE) {
      current.putAll(currentVersions(numbers.subList(from, Math.min(numbers.size(), from + IN_CLAUSE))));
    }
    return PageableExecutionUtils.getPage(found.stream().map(x -> x.withVersion(current.get(x.number()))).toList(),
        PageRequest.of(page, size, Sort.by("number")), () -> filtered(COUNT, Long.class, status, type, "").getSingleResult());
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
    Map<Integer, String> current = currentVersions(null);
    return xeps.stream().map(x -> x.withVersion(current.get(x.number()))).toList();
  }

  private TypedQuery<Tuple> listings(XepStatus status, XepType type) {
    return filtered(LISTINGS, Tuple.class, status, type, " order by x.number");
  }

  /** The query with a condition for each filter given: one of four strings, each translated once. */
  private <T> TypedQuery<T> filtered(String select, Class<T> result, XepStatus status, XepType type, String order) {
    List<String> conditions = new ArrayList<>();
    if (status != null) {
      conditions.add("x.status = :status");
    }
    if (type != null) {
      conditions.add("x.type = :type");
    }
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<T> query = entityManager.createQuery(select + where + order, result);
    if (status != null) {
      query.setParameter("status", status);
    }
    if (type != null) {
      query.setParameter("type", type);
    }
    return query;
  }

  private static XepListing listing(Tuple row) {
    return new XepListing(row.get(0, Integer.class), row.get(1, String.class), row.get(2, XepType.class),
        row.get(3, XepStatus.class), row.get(4, Instant.class), "");
  }

  /** The current version of these XEPs (null: of every XEP, cheaper than naming them all). */
  private Map<Integer, String> currentVersions(Collection<Integer> numbers) {
    TypedQuery<Tuple> query = numbers == null
        ? entityManager.createQuery(VERSIONS + VERSIONS_ORDER, Tuple.class)
        : entityManager.createQuery(VERSIONS + " and v.xep.number in :numbers" + VERSIONS_ORDER, Tuple.class)
            .setParameter("numbers", numbers);
    Map<Integer, String> current = new HashMap<>();
    query.getResultList().forEach(row -> current.put(row.get(0, Integer.class), row.get(1, String.class)));
    return current;
  }
}
