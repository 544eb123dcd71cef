package org.xsf.xepflow.publication;

import static org.xsf.xepflow.document.XmlText.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.StatusChangeRepository;
import org.xsf.xepflow.registry.XepListing;
import org.xsf.xepflow.registry.XepListings;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;
import org.xsf.xepflow.registry.XepVersionRepository;

/**
 * The list of all XEPs (extensions/index.html) and the Atom feed of changes (extensions/feed.xml).
 * Both escape their texts as XML: the feed is XML, and the page carries no control characters either.
 */
@Component
public class SiteIndex {
  /** After a version published as an editorial change, as the XEP's page marks it (xep.xsl). */
  private static final String EDITORIAL_MARK = "<span class=\"editorial\"> (editorial change)</span>";
  private static final String EDITORIAL_SUMMARY = "Published by the XMPP Extensions Editor as an editorial change, one that"
      + " could not reasonably be construed as material, without a vote of the XMPP Council, which may demand its reversal"
      + " (XEP-0001 sections 8.1, 10).";
  private final XepListings xeps;
  private final StatusChangeRepository statusChanges;
  private final XepVersionRepository versions;
  private final SiteWriter site;

  public SiteIndex(XepListings xeps, StatusChangeRepository statusChanges, XepVersionRepository versions,
      SiteWriter site) {
    this.xeps = xeps;
    this.statusChanges = statusChanges;
    this.versions = versions;
    this.site = site;
  }

  void write() {
    site.writeFile("index.html", index());
    site.writeFile("feed.xml", feed());
  }

  private String index() {
    StringBuilder rows = new StringBuilder();
    for (XepListing xep : xeps.all()) {
      rows.append("<tr data-status=\"").append(xep.status()).append("\" data-type=\"")
          .append(escape(xep.type().label())).append("\"><td><a href=\"xep-%04d.html\">".formatted(xep.number()))
          .append(xep.label()).append("</a></td><td>").append(escape(xep.title())).append("</td><td>")
          .append(escape(xep.type().label())).append("</td><td class=\"status\">").append(xep.status())
          .append("</td><td>").append(escape(xep.version())).append(xep.editorial() ? EDITORIAL_MARK : "").append("</td><td>")
          .append(xep.lastUpdated().toString(), 0, 10).append("</td></tr>\n");
    }
    return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>XMPP Extensions</title>
        <link rel="stylesheet" href="/extensions/xep.css">
        <link rel="alternate" type="application/atom+xml" title="XEP changes" href="/extensions/feed.xml"></head>
        <body><h1>XMPP Extensions</h1>
        <p><label>Status <select id="status"><option value="">all</option>%s</select></label>
        <label>Type <select id="type"><option value="">all</option>%s</select></label>
        <a href="/extensions/feed.xml">Atom feed</a></p>
        <table id="xeps"><thead><tr><th>Number</th><th>Title</th><th>Type</th><th>Status</th><th>Version</th><th>Last updated</th></tr></thead>
        <tbody>
        %s</tbody></table>
        <script>
        function filter() {
          var status = document.getElementById('status').value, type = document.getElementById('type').value;
          document.querySelectorAll('#xeps tbody tr').forEach(function (row) {
            row.hidden = (status && row.dataset.status !== status) || (type && row.dataset.type !== type);
          });
        }
        document.getElementById('status').onchange = filter;
        document.getElementById('type').onchange = filter;
        </script></body></html>
        """.formatted(options(java.util.Arrays.stream(XepStatus.values()).filter(s -> s != XepStatus.ProtoXEP).map(Enum::name).toList()),
        options(java.util.Arrays.stream(XepType.values()).map(XepType::label).toList()), rows);
  }

  private static String options(List<String> values) {
    return values.stream().map(v -> "<option>" + escape(v) + "</option>").collect(Collectors.joining());
  }

  private record Entry(Instant at, String id, String title, String link, String summary) {
  }

  /** The remark, then what the feed adds to it. */
  private static String summary(String remark, String added) {
    return remark == null || remark.isBlank() ? added : remark + " " + added;
  }

  private String feed() {
    List<Entry> entries = new ArrayList<>();
    statusChanges.findTop50ByOrderByChangedAtDescIdDesc().forEach(c -> entries.add(new Entry(c.getChangedAt(),
        "status-" + c.getXep().getNumber() + "-" + c.getChangedAt().toEpochMilli(),
        c.getXep().label() + " (" + c.getXep().getTitle() + ") is now " + c.getToStatus(),
        site.xepUrl(c.getXep().getNumber()), c.getReason())));
    versions.findTop50ByProvisionalFalseOrderByPublishedAtDescIdDesc().forEach(v -> entries.add(new Entry(
        v.getPublishedAt(), "version-" + v.getXep().getNumber() + "-" + v.getVersion(),
        v.getXep().label() + " (" + v.getXep().getTitle() + ") version " + v.getVersion() + (v.isEditorial() ? " (editorial change)" : ""),
        site.xepUrl(v.getXep().getNumber()), v.isEditorial() ? summary(v.getRemark(), EDITORIAL_SUMMARY) : v.getRemark())));
    entries.sort(Comparator.comparing(Entry::at).reversed());
    String updated = entries.isEmpty() ? Instant.EPOCH.toString() : entries.get(0).at().toString();
    String self = escape(site.url("feed.xml"));
    StringBuilder atom = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>XMPP Extensions: status changes and new versions</title>"
        + "<id>" + self + "</id><link rel=\"self\" href=\"" + self + "\"/>"
        + "<updated>" + updated + "</updated><author><name>XMPP Extensions Editor</name></author>\n");
    for (Entry e : entries.subList(0, Math.min(50, entries.size()))) {
      atom.append("<entry><id>").append(self).append('#').append(escape(e.id())).append("</id><title>")
          .append(escape(e.title())).append("</title><link href=\"").append(escape(e.link())).append("\"/><updated>")
          .append(e.at()).append("</updated><summary>").append(escape(e.summary() == null ? "" : e.summary()))
          .append("</summary></entry>\n");
    }
    return atom.append("</feed>\n").toString();
  }
}
