package org.xsf.xepflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Text written into xepflow's own XML and HTML. */
class XmlTextTest {
  private static final String TEXT = "Caf\u00e9 \u2014 \u201cquoted\u201d & <b> 'x' \uD83D\uDE00\tend";

  @Test
  void everyXmlParserReadsTheTextBackInContentAndAttributes() throws Exception {
    String xml = "<t a=\"" + XmlText.escape(TEXT) + "\">" + XmlText.escape(TEXT) + "</t>";
    Element read = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();

    assertThat(read.getTextContent()).isEqualTo(TEXT);
    // an attribute's tab reads as a space (attribute-value normalization)
    assertThat(read.getAttribute("a")).isEqualTo(TEXT.replace('\t', ' '));
    assertThat(XmlText.escape(TEXT)).doesNotContain("&eacute;", "&mdash;", "&ldquo;");
  }

  @Test
  void charactersXml10DoesNotAllowAreLeftOut() {
    assertThat(XmlText.escape("a\u0000b\u001Bc\uFFFEd\uD800e\u0085f")).isEqualTo("abcde\u0085f");
  }
}
