package org.xsf.xepflow.document;

import java.util.List;

/**
 * The header of a XEP document. {@code number} as written ("0421", "xxxx" for ProtoXEPs);
 * revisions in document order, newest first.
 */
public record XepHeader(String title, String abstractText, String number, String status, String type,
    String approver, String shortname, String lastcall, String expires, boolean interim,
    List<String> dependencies, List<String> supersedes, List<String> supersededBy,
    List<Author> authors, List<Revision> revisions) {
}
