package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;

/**
 * A query string that Hibernate parses and translates to SQL once and then takes from its plan
 * cache: a derived (or criteria) query is translated again on every call in Hibernate 6.6, which
 * was a tenth of the job threads' time in a backlog of deferrals. Not an {@code @Query}: Spring Data
 * would parse that at start-up (see {@link XepRepository}).
 */
class CurrentVersionQueryImpl implements CurrentVersionQuery {
  // by the XEP itself rather than its number: compared by the key column, without a join; the order
  // is that of Xep.versions
  private static final String CURRENT_VERSION = "select v.version from XepVersion v"
      + " where v.xep = :xep and v.provisional = false order by v.publishedAt desc, v.id desc";
  private final EntityManager entityManager;

  CurrentVersionQueryImpl(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  @Override
  public String currentVersionOf(Xep xep) {
    return entityManager.createQuery(CURRENT_VERSION, String.class).setParameter("xep", xep).setMaxResults(1)
        .getSingleResult();
  }
}
