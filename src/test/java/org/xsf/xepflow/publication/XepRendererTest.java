package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.transform.TransformerConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import org.xsf.xepflow.document.XepDocumentChecker;
import org.xsf.xepflow.document.XepHeader;

/** Every real XEP document renders as a page with its header table, sections and history. */
class XepRendererTest {
  private final XepDocumentChecker checker = new XepDocumentChecker();
  private final XepRenderer renderer;

  XepRendererTest() throws TransformerConfigurationException, IOException {
    renderer = new XepRenderer(checker);
  }

  static Stream<Path> realDocuments() throws IOException {
    Path fixtures = Path.of("src/test/resources/xeps");
    return Stream.concat(Files.list(fixtures), Files.list(fixtures.resolve("inbox")))
        .filter(p -> p.toString().endsWith(".xml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("realDocuments")
  void rendersEveryRealDocument(Path document) throws IOException {
    String xml = Files.readString(document);
    XepHeader header = checker.check(xml.getBytes()).header();

    String html = HtmlUtils.htmlUnescape(
        renderer.render(xml, "XEP-" + header.number(), header.revisions().get(0).version(), header.status(), null));

    assertThat(html).startsWith("<!DOCTYPE html").contains("<table class=\"header\">")
        .contains(header.title())
        .contains("<td class=\"status\">" + header.status() + "</td>")
        .contains("Revision History").contains(header.authors().get(0).surname());
  }

  @ParameterizedTest
  @MethodSource("realDocuments")
  void aChangeOfStatusRewritesThePageAsRenderingItAgainWould(Path document) throws IOException {
    String xml = Files.readString(document);
    String version = checker.check(xml.getBytes()).header().revisions().get(0).version();
    String page = renderer.render(xml, "XEP-0001", version, "Experimental", null);

    assertThat(renderer.withStatus(page, version, "Deferred"))
        .isEqualTo(renderer.render(xml, "XEP-0001", version, "Deferred", null));
    // a page of another version (e.g. published before a newer one) must be rendered again
    assertThat(renderer.withStatus(page, version + ".1", "Deferred")).isNull();
  }

  /** An editorial change keeps its mark beside its version through a change of status, rewritten without rendering. */
  @Test
  void aChangeOfStatusRewritesThePageOfAnEditorialChangeAsRenderingItAgainWould() throws IOException {
    var xml = renderer.parse(Files.readString(Path.of("src/test/resources/xeps/xep-0421.xml")));
    String page = renderer.render(xml, "XEP-0421", "1.0.1", "Draft", null, true);
    assertThat(page).contains("<tr><th>Version</th><td>1.0.1<span class=\"editorial\"> (editorial change)</span></td></tr>")
        .contains("<p class=\"editorial\">Version 1.0.1 was published by the XMPP Extensions Editor as an editorial change");

    assertThat(renderer.withStatus(page, "1.0.1", "Deprecated"))
        .isEqualTo(renderer.render(xml, "XEP-0421", "1.0.1", "Deprecated", null, true));
    // 1.0 is another version than 1.0.1, whatever follows it in the cell
    assertThat(renderer.withStatus(page, "1.0", "Deprecated")).isNull();
  }

  @Test
  void aChangeOfStatusFindsTheHeaderTableWhateverTheTitleAndAbstractSay() throws IOException {
    String xml = Files.readString(Path.of("src/test/resources/xeps/xep-0421.xml"))
        .replaceFirst("<title>", "<title>&lt;td class=\"status\">Final&lt;/td> ")
        .replaceFirst("<abstract>", "<abstract>&lt;tr>&lt;th>Version&lt;/th>&lt;td>9.9&lt;/td>&lt;/tr> ");
    String page = renderer.render(xml, "XEP-0421", "1.0.1", "Draft", null);

    assertThat(renderer.withStatus(page, "1.0.1", "Final")).isEqualTo(renderer.render(xml, "XEP-0421", "1.0.1", "Final", null));
    assertThat(renderer.withStatus(page, "9.9", "Final")).isNull();
    assertThat(renderer.withStatus(page, "1.0.1", "<b>Final</b>")).isNull();
    assertThat(renderer.withStatus("not a page", "1.0.1", "Final")).isNull();
    // a page of an earlier stylesheet (before an upgrade of the app) is rendered again
    assertThat(renderer.withStatus(page.replaceFirst("<!-- xep.xsl \\w+ -->", "<!-- xep.xsl 0123456789abcdef -->"),
        "1.0.1", "Final")).isNull();
  }

  @Test
  void rendersSectionsExamplesAndLinks() throws IOException {
    String html = renderer.render(Files.readString(Path.of("src/test/resources/xeps/xep-0421.xml")),
        "XEP-0421", "1.0.1", "Draft", null);
    assertThat(html).contains("<h2>1 Introduction</h2>").contains("<figure class=\"example\">")
        .contains("<a href=\"xmpp:").contains("Security Considerations").contains("<td>1.0.1</td>");
  }

  @Test
  void numbersEachSectionByItsPlaceAmongTheSectionsOfItsParent() throws IOException {
    String xml = Files.readString(Path.of("src/test/resources/xeps/xep-0421.xml"));
    String body = "<section1 topic='A'><p>a</p><section2 topic='A1'/><p>b</p><section2 topic='A2'>"
        + "<section3 topic='A2a'/></section2><p>c</p></section1>"
        + "<section1 topic='B'><section2 topic='B1'/><div><section2 topic='In a div'/></div></section1>";
    String html = renderer.render(xml.substring(0, xml.indexOf("<section1")) + body + "</xep>",
        "XEP-0421", "1.0.1", "Draft", null);

    // a section inside other markup is numbered among its siblings there, as xsl:number numbered it
    assertThat(html).containsSubsequence("<h2>1 A</h2>", "<p>a</p>", "<h3>1.1 A1</h3>", "<p>b</p>", "<h3>1.2 A2</h3>",
        "<h4>1.2.1 A2a</h4>", "<p>c</p>", "<h2>2 B</h2>", "<h3>2.1 B1</h3>", "<div>", "<h3>2.1 In a div</h3>");
  }

  @Test
  void aDocumentCannotBringScriptsIntoTheSite() throws IOException {
    String hostile = Files.readString(Path.of("src/test/resources/xeps/inbox/mix.xml"))
        .replaceFirst("<p>", "<p><link url='javascript:alert(1)'>click</link><img src='javascript:alert(2)'/><span onclick='x()'>s</span>");
    String html = renderer.render(hostile, "ProtoXEP mix", "0.0.1", "ProtoXEP", null);
    assertThat(html).doesNotContain("javascript:").doesNotContain("onclick").contains("click");
  }
}
