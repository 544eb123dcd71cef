package org.xsf.xepflow.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Entities that nothing declares (a XEP newer than the bundled xep.ent, a typo, a DOCTYPE that never
 * reads xep.ent) show as nothing, in the text and in attributes such as a section's topic, and a
 * parser that does not validate says nothing: XEPs pull their declarations in from outside, where
 * XML makes a missing one a matter of validity. A validating pass names each one; what else the DTD
 * would say is left to the XEP schema.
 */
final class UndeclaredEntities {
  /** Xerces's message, in the locale the parser is given. */
  private static final Pattern UNDECLARED = Pattern.compile("The entity \"(.+)\" was referenced, but not declared\\.");

  private UndeclaredEntities() {
  }

  static List<Finding> in(byte[] xml) {
    Map<String, Finding> found = new LinkedHashMap<>();
    try {
      XMLReader reader = reader();
      reader.setEntityResolver(new BundledEntities(xml));
      reader.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
          Matcher m = UNDECLARED.matcher(String.valueOf(e.getMessage()));
          if (m.matches()) {
            found.putIfAbsent(m.group(1), finding(m.group(1), e));
          }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      });
      reader.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (SAXParseException e) {
      throw new DocumentRejectedException(XepDocumentChecker.describe(e), e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new DocumentRejectedException("The document could not be read: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(found.values());
  }

  private static XMLReader reader() throws ParserConfigurationException, SAXException {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    var parser = factory.newSAXParser();
    for (var limit : XepDocumentChecker.LIMITS.entrySet()) {
      parser.setProperty(limit.getKey(), limit.getValue());
    }
    XMLReader reader = parser.getXMLReader();
    reader.setProperty("http://apache.org/xml/properties/locale", Locale.ROOT);
    return reader;
  }

  private static Finding finding(String name, SAXParseException e) {
    String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
    if (BundledEntities.XEP_ENT.declares(name)) {
      return new Finding("The entity &" + name + "; is in the XSF's xep.ent, but the document's DOCTYPE does not read "
          + "xep.ent: it shows as nothing", where);
    }
    return new Finding("The entity &" + name + "; is declared neither in the document nor in the XSF's xep.ent: "
        + "it shows as nothing", where);
  }
}
