package org.xsf.xepflow.registry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the XMPP Registrar's registry of protocol namespaces lists: of each XEP, the namespaces of its
 * latest registration (a Historical XEP converted to the standards track registers again on Draft),
 * with the XEP's status now. A criteria query, not a query string (see {@link XepRepository}).
 */
@Component
public class RegisteredNamespaces {
  private final EntityManager entityManager;

  public RegisteredNamespaces(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  public record Registered(int xepNumber, XepStatus status, List<String> namespaces) {
  }

  /** By XEP number. */
  public List<Registered> latest() {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Tuple> query = cb.createTupleQuery();
    Root<NamespaceRegistration> registration = query.from(NamespaceRegistration.class);
    Root<Xep> xep = query.from(Xep.class);
    query.multiselect(registration.get("xepNumber"), registration.get("namespaces"), xep.get("status"))
        .where(cb.equal(xep.get("number"), registration.get("xepNumber")))
        // by time rather than id: nodes take ids from the sequence in blocks of their own
        .orderBy(cb.asc(registration.get("xepNumber")), cb.asc(registration.get("registeredAt")), cb.asc(registration.get("id")));
    Map<Integer, Registered> latest = new LinkedHashMap<>();
    for (Tuple row : entityManager.createQuery(query).getResultList()) {
      int number = row.get(0, Integer.class);
      latest.put(number, new Registered(number, row.get(2, XepStatus.class),
          NamespaceRegistration.namespaces(row.get(1, String.class))));
    }
    return List.copyOf(latest.values());
  }
}
