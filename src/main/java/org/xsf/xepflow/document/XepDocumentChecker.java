package org.xsf.xepflow.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xsf.xepflow.startup.Background;

/**
 * The automatic part of the Editor's format check (XEP-0001 sections 4, 5, 12-15). Parses a XEP
 * document safely: its DOCTYPE may only pull in the bundled xep.dtd and xep.ent, entity expansion
 * and size are capped. Validates it against the XEP schema and checks what the schema cannot.
 * Thread-safe.
 */
public final class XepDocumentChecker {
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;
  /**
   * The JDK parser's limits, for every parse of a document: generous for the XSF's xep.ent (about
   * 1200 entities) and its biggest XEPs, far below what a billion-laughs document needs.
   */
  private static final Map<String, String> LIMITS = Map.of(
      "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "20000",
      "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", "8000000",
      "http://www.oracle.com/xml/jaxp/properties/maxElementDepth", "100");

  private final long maxBytes;
  /** Compiled in the background while the application starts, instead of on its main thread. */
  private final Background<Schema> schema = Background.start("xep-schema", XepDocumentChecker::compileSchema);

  public XepDocumentChecker() {
    this(DEFAULT_MAX_BYTES);
  }

  public XepDocumentChecker(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  private static Schema compileSchema() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newSchema(XepDocumentChecker.class.getResource("xep.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException("The bundled XEP schema is broken", e);
    }
  }

  public CheckedDocument check(InputStream xml) {
    return check(read(xml));
  }

  /** A document's bytes, up to one past the limit: enough for {@link #check(byte[])} to refuse a larger one. */
  public byte[] read(InputStream xml) {
    try {
      return xml.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public CheckedDocument check(byte[] xml) {
    if (xml.length > maxBytes) {
      throw new DocumentRejectedException("The document is larger than the limit of " + size(maxBytes) + ".");
    }
    if (xml.length == 0) {
      throw new DocumentRejectedException("The document is empty.");
    }
    List<Finding> findings = new ArrayList<>();
    Document document = parse(xml, findings);
    Element root = document.getDocumentElement();
    if (!"xep".equals(root.getTagName())) {
      throw new DocumentRejectedException("This is not a XEP document: its root element is <"
          + root.getTagName() + ">, not <xep>.");
    }
    if (root.getNamespaceURI() != null) {
      throw new DocumentRejectedException("This is not a XEP document: its root element <xep> is in the namespace '"
          + root.getNamespaceURI() + "'; a XEP's is in none.");
    }
    Element header = Dom.child(root, "header");
    if (header == null) {
      throw new DocumentRejectedException("This is not a XEP document: it has no <header>.");
    }
    findings.addAll(ContentChecks.of(root, header));
    findings.addAll(UndeclaredEntities.in(document, xml));
    XepHeader read = HeaderReader.read(header);
    HeaderLimits.check(read);
    return new CheckedDocument(read, List.copyOf(findings));
  }

  /**
   * The document with its entities expanded, parsed as safely as {@link #check(byte[])} does, for
   * rendering. Documents that {@code check} rejects are rejected here too.
   */
  public Document read(byte[] xml) {
    if (xml.length > maxBytes) {
      throw new DocumentRejectedException("The document is larger than the limit of " + size(maxBytes) + ".");
    }
    return parse(xml, null);
  }

  private Document parse(byte[] xml, List<Finding> findings) {
    EncodingDeclaration.checkUtf8(xml);
    try {
      DocumentBuilder builder = factory(findings != null).newDocumentBuilder();
      builder.setEntityResolver(new BundledEntities(xml));
      SchemaFindings schemaFindings = new SchemaFindings(findings == null ? new ArrayList<>() : findings);
      builder.setErrorHandler(schemaFindings);
      Document document = builder.parse(new ByteArrayInputStream(xml));
      schemaFindings.countTheRest();
      return document;
    } catch (SAXParseException e) {
      throw new DocumentRejectedException(describe(e), e);
    } catch (DocumentRejectedException e) {
      throw e;
    } catch (SAXException e) {
      if (e.getCause() instanceof DocumentRejectedException rejected) {
        throw rejected;
      }
      throw new DocumentRejectedException("The document is not well-formed XML: " + e.getMessage(), e);
    } catch (IOException e) {
      // the document is in memory: only the bundled xep.dtd or xep.ent can fail to read, the server's fault
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's XML parser refuses xepflow's settings", e);
    }
  }

  private DocumentBuilderFactory factory(boolean validate) throws ParserConfigurationException {
    // the JDK's own parser, whose security limits are set below; newInstance() would search the
    // class path for another one on every call (a fifth of each parse's time)
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(true);
    // The deferred DOM looks up each entity declaration by walking all earlier ones: xep.ent's
    // ~1,200 declarations made every parse quadratic (most of the time of a parse).
    factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    LIMITS.forEach(factory::setAttribute);
    if (validate) {
      factory.setSchema(schema.get());
    }
    return factory;
  }

  private static String describe(SAXParseException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String where = " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
    if (message.contains("JAXP00010001") || message.contains("JAXP00010004") || message.contains("entity expansion")) {
      return "The document expands too many entities (an entity-expansion attack?)" + where + ".";
    }
    if (message.contains("JAXP00010005") || message.contains("JAXP00010003")) {
      return "The document's entities are too large" + where + ".";
    }
    return "The document is not well-formed XML" + where + ": " + message;
  }

  private static String size(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  /**
   * Schema errors are findings for the Editor, not reasons to refuse the document. The first
   * {@link #LISTED} are listed: a document of 100,000 wrong sections had 28 MB of them stored.
   */
  private static final class SchemaFindings implements ErrorHandler {
    static final int LISTED = 100;
    private final List<Finding> findings;
    private int errors;
    private String lastWhere;

    SchemaFindings(List<Finding> findings) {
      this.findings = findings;
    }

    @Override
    public void warning(SAXParseException e) {
    }

    @Override
    public void error(SAXParseException e) {
      lastWhere = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
      if (++errors <= LISTED) {
        findings.add(new Finding(e.getMessage(), lastWhere));
      }
    }

    void countTheRest() {
      if (errors > LISTED) {
        findings.add(new Finding("%,d more schema errors, not listed".formatted(errors - LISTED), "up to " + lastWhere));
      }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  }
}
