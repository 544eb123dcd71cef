package org.xsf.xepflow.archive;

import java.util.List;
import java.util.Map;

/**
 * What an import did: the XEPs it created (counted by status), the ones already in the database
 * and the documents it could not take, each with the reason.
 */
public record ImportReport(Map<String, Integer> importedByStatus, List<Integer> alreadyKnown,
    List<Refused> refused) {

  public record Refused(String file, String reason) {
  }

  public int imported() {
    return importedByStatus.values().stream().mapToInt(Integer::intValue).sum();
  }
}
