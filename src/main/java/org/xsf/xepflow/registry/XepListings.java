package org.xsf.xepflow.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of XEPs with their current versions in two small queries: loading the XEPs themselves
 * would read every version's document, which made lists and the site index grow with the
 * size of the whole registry.
 */
@Component
public class XepListings {
  private static final int IN_CLAUSE = 1000;
  private final XepRepository xeps;

  public XepListings(XepRepository xeps) {
    this.xeps = xeps;
  }

  /** One page of the XEPs of a status and type (null: any), by number. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Page<XepListing> find(XepStatus status, XepType type, int page, int size) {
    Page<XepListing> found = xeps.listings(status, type, PageRequest.of(page, size, Sort.by("number")));
    List<Integer> numbers = found.getContent().stream().map(XepListing::number).toList();
    Map<Integer, String> current = new HashMap<>();
    for (int from = 0; from < numbers.size(); from += IN_CLAUSE) {
      current.putAll(currentVersions(xeps.officialVersions(numbers.subList(from, Math.min(numbers.size(), from + IN_CLAUSE)))));
    }
    return found.map(x -> x.withVersion(current.get(x.number())));
  }

  /** Every XEP, by number; the XEPs and their versions read in one snapshot (a XEP accepted in between has a version). */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public List<XepListing> all() {
    Map<Integer, String> current = currentVersions(xeps.officialVersions());
    return xeps.listings(null, null, Pageable.unpaged(Sort.by("number"))).map(x -> x.withVersion(current.get(x.number())))
        .getContent();
  }

  /** Oldest first: the last one seen is the current version, as in Xep.currentVersion(). */
  private static Map<Integer, String> currentVersions(List<Object[]> versions) {
    Map<Integer, String> current = new HashMap<>();
    versions.forEach(row -> current.put((Integer) row[0], (String) row[1]));
    return current;
  }
}
