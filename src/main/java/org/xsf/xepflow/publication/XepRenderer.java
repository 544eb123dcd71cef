package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.startup.Background;

/** Renders a XEP document as a readable HTML page (xep.xsl), parsed as safely as the format check. */
@Component
public class XepRenderer {
  /** Versions and statuses that the page shows as they are, with nothing to escape. */
  private static final Pattern PLAIN = Pattern.compile("[0-9A-Za-z.+-]+");
  private static final String STATUS_CELL = "<td class=\"status\">";
  private static final URL XSL = XepRenderer.class.getResource("xep.xsl");
  private final XepDocumentChecker documents;
  /** Compiled in the background while the application starts, instead of on its main thread. */
  private final Background<Templates> stylesheet = Background.start("xep-stylesheet", XepRenderer::compileStylesheet);
  /** The stylesheet's digest, written into each page: a page of another stylesheet is rendered again. */
  private final String stylesheetId;

  public XepRenderer(XepDocumentChecker documents) throws IOException {
    this.documents = documents;
    try (InputStream in = XSL.openStream()) {
      this.stylesheetId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Templates compileStylesheet() throws TransformerConfigurationException {
    TransformerFactory factory = TransformerFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    return factory.newTemplates(new StreamSource(XSL.toExternalForm()));
  }

  /**
   * @param label "XEP-0421", or the inbox name of a ProtoXEP
   * @param notice shown above the title, e.g. that a page is a provisional or an old version
   */
  public String render(String document, String label, String version, String status, String notice) {
    return render(parse(document), label, version, status, notice, false);
  }

  /** The document read once, to be rendered as several pages (parsing costs more than rendering). */
  Document parse(String document) {
    return documents.read(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** @param editorial the version was published as an editorial change: the page says so beside its version */
  String render(Document document, String label, String version, String status, String notice, boolean editorial) {
    try {
      Transformer transformer = stylesheet.get().newTransformer();
      transformer.setParameter("label", label);
      transformer.setParameter("version", version);
      transformer.setParameter("statusNow", status);
      transformer.setParameter("notice", notice == null ? "" : notice);
      transformer.setParameter("editorial", String.valueOf(editorial));
      transformer.setParameter("stylesheet", stylesheetId);
      StringWriter html = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(html));
      return html.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("Could not render " + label, e);
    }
  }

  /**
   * A page this stylesheet rendered for {@code version}, showing {@code status} instead of the one
   * it shows: a change of status rewrites the status cell of the header table rather than parsing
   * and rendering the document again (a fifth of the job threads' time in a backlog of deferrals).
   * Null when the page is not of that version or of this stylesheet (or not such a page): it must
   * then be rendered. The first status cell is the header table's: the title and abstract before it
   * are text, escaped. The version cell may go on after the version, with the mark of an editorial
   * change: a version's own, which a change of status leaves as it is.
   */
  String withStatus(String page, String version, String status) {
    if (!PLAIN.matcher(version).matches() || !PLAIN.matcher(status).matches()) {
      return null;
    }
    int rendered = page.indexOf("<!-- xep.xsl " + stylesheetId + " -->");
    int cell = page.indexOf(STATUS_CELL);
    int end = cell < 0 || rendered < 0 || rendered > cell ? -1 : page.indexOf("</td>", cell);
    // a plain version holds no '<': 1.2 is not 1.2.1
    int versionRow = page.indexOf("<tr><th>Version</th><td>" + version + "<");
    if (end < 0 || versionRow < end || versionRow != page.indexOf("<tr><th>Version</th>")) {
      return null;
    }
    return page.substring(0, cell + STATUS_CELL.length()) + status + page.substring(end);
  }
}
