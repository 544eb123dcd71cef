package org.xsf.xepflow.publication;

import java.io.StringWriter;
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

/** Renders a XEP document as a readable HTML page (xep.xsl), parsed as safely as the format check. */
@Component
public class XepRenderer {
  private final XepDocumentChecker documents;
  private final Templates stylesheet;

  public XepRenderer(XepDocumentChecker documents) throws TransformerConfigurationException {
    this.documents = documents;
    TransformerFactory factory = TransformerFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    this.stylesheet = factory.newTemplates(new StreamSource(XepRenderer.class.getResource("xep.xsl").toExternalForm()));
  }

  /**
   * @param label "XEP-0421", or the inbox name of a ProtoXEP
   * @param notice shown above the title, e.g. that a page is a provisional or an old version
   */
  public String render(String document, String label, String version, String status, String notice) {
    return render(parse(document), label, version, status, notice);
  }

  /** The document read once, to be rendered as several pages (parsing costs more than rendering). */
  Document parse(String document) {
    return documents.read(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  String render(Document document, String label, String version, String status, String notice) {
    try {
      Transformer transformer = stylesheet.newTransformer();
      transformer.setParameter("label", label);
      transformer.setParameter("version", version);
      transformer.setParameter("statusNow", status);
      transformer.setParameter("notice", notice == null ? "" : notice);
      StringWriter html = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(html));
      return html.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("Could not render " + label, e);
    }
  }
}
