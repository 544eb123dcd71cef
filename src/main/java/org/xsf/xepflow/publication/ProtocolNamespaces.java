package org.xsf.xepflow.publication;

import static org.xsf.xepflow.document.XmlText.escape;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.RegisteredNamespaces;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepStatus;

/**
 * The XMPP Registrar's registry of protocol namespaces (XEP-0001 section 14, XEP-0053), as the XSF
 * publishes it at registrar/namespaces.xml, and a page of it, registrar/namespaces.html: each
 * namespace of each XEP's latest registration, by namespace (one registered for several XEPs once
 * for each). The namespaces are what the Editor typed: escaped in both.
 */
@Component
public class ProtocolNamespaces {
  private final RegisteredNamespaces registered;
  private final SiteWriter site;

  public ProtocolNamespaces(RegisteredNamespaces registered, SiteWriter site) {
    this.registered = registered;
    this.site = site;
  }

  /**
   * Whether a XEP published with this status may be in the registry, whose page shows its status.
   * Only XEPs that never were Draft or Active are Experimental or Deferred (the status a XEP takes
   * from Proposed when remanded is Experimental only if it was Experimental before), so a deferral,
   * the bulk of a backlog of timers, does not rebuild it.
   */
  static boolean mayList(String status) {
    return !status.equals(XepStatus.Experimental.name()) && !status.equals(XepStatus.Deferred.name());
  }

  private record Entry(String namespace, int xepNumber, XepStatus status) {
  }

  void write() {
    List<Entry> entries = registered.latest().stream()
        .flatMap(xep -> xep.namespaces().stream().map(ns -> new Entry(ns, xep.xepNumber(), xep.status())))
        .sorted(Comparator.comparing(Entry::namespace).thenComparing(Entry::xepNumber)).toList();
    site.writeRegistry("namespaces.xml", xml(entries));
    site.writeRegistry("namespaces.html", page(entries));
  }

  /** The XSF's format: {@code <registry type='namespaces'>}, an {@code <ns>} with its name and document each. */
  private static String xml(List<Entry> entries) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<registry type=\"namespaces\">\n");
    for (Entry entry : entries) {
      xml.append("  <ns>\n    <name>").append(escape(entry.namespace())).append("</name>\n    <doc>")
          .append(Xep.label(entry.xepNumber())).append("</doc>\n  </ns>\n");
    }
    return xml.append("</registry>\n").toString();
  }

  private static String page(List<Entry> entries) {
    StringBuilder rows = new StringBuilder();
    for (Entry entry : entries) {
      rows.append("<tr><td><code>").append(escape(entry.namespace())).append("</code></td><td><a href=\"")
          .append("../extensions/xep-%04d.html\">".formatted(entry.xepNumber())).append(Xep.label(entry.xepNumber()))
          .append("</a></td><td class=\"status\">").append(entry.status()).append("</td></tr>\n");
    }
    return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>XMPP Registrar: Protocol Namespaces</title>
        <link rel="stylesheet" href="../extensions/xep.css"></head>
        <body><h1>Protocol Namespaces</h1>
        <p>The protocol namespaces registered with the XMPP Registrar for the XEPs that advanced to Draft or Active,
        each with the XEP that defines it and the XEP's status (also as <a href="namespaces.xml">XML</a>).</p>
        <table id="namespaces"><thead><tr><th>Namespace</th><th>XEP</th><th>Status</th></tr></thead>
        <tbody>
        %s</tbody></table></body></html>
        """.formatted(rows);
  }
}
