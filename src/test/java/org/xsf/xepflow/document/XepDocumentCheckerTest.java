package org.xsf.xepflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The format check on the XSF's real documents, on broken ones and on hostile input. */
class XepDocumentCheckerTest {
  private static final Path FIXTURES = Path.of("src/test/resources/xeps");
  private final XepDocumentChecker checker = new XepDocumentChecker();

  static Stream<Path> realDocuments() throws IOException {
    return Stream.concat(Files.list(FIXTURES), Files.list(FIXTURES.resolve("inbox")))
        .filter(p -> p.toString().endsWith(".xml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("realDocuments")
  void everyRealXepIsReadAndMeetsTheSchema(Path document) throws IOException {
    CheckedDocument checked = checker.check(Files.readAllBytes(document));

    assertThat(checked.header().title()).isNotBlank();
    assertThat(checked.header().status()).isNotBlank();
    assertThat(checked.header().type()).isNotBlank();
    assertThat(checked.header().authors()).isNotEmpty().allSatisfy(a -> assertThat(a.surname()).isNotBlank());
    assertThat(checked.header().revisions()).isNotEmpty();
    List<Finding> schemaFindings = checked.findings().stream().filter(f -> f.what().startsWith("cvc-")).toList();
    if (document.getFileName().toString().equals("xep-README.xml")) {
      // the README of the XSF's repository is numbered "README", not a XEP number
      assertThat(schemaFindings).extracting(Finding::where).containsOnly("line 12, column 26");
    } else {
      assertThat(schemaFindings).isEmpty();
    }
    assertThat(checked.findings()).noneMatch(f -> f.what().startsWith("The entity &"));
  }

  /** Each document is served only the declarations of xep.ent it uses: it must read as with the whole file. */
  @ParameterizedTest
  @MethodSource("realDocuments")
  void everyRealXepReadsAsWithTheWholeEntityFile(Path document) throws Exception {
    byte[] xml = Files.readAllBytes(document);
    var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var builder = factory.newDocumentBuilder();
    builder.setEntityResolver((publicId, systemId) -> {
      String file = systemId.substring(systemId.lastIndexOf('/') + 1);
      var source = new org.xml.sax.InputSource(XepDocumentChecker.class.getResourceAsStream(file));
      source.setSystemId("xepflow:" + file);
      return source;
    });
    org.w3c.dom.Document whole = builder.parse(new java.io.ByteArrayInputStream(xml), FIXTURES.toUri().toString());

    assertThat(checker.read(xml).getDocumentElement().isEqualNode(whole.getDocumentElement())).isTrue();
  }

  @Test
  void entitiesThatReferToOtherEntitiesAreExpandedToTheEnd() {
    String xml = new String(fixture("xep-0421.xml"), StandardCharsets.UTF_8)
        .replaceFirst("<section1 ", "<p>&CONFORMANCE;</p><section1 ");

    assertThat(checker.read(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getTextContent())
        .contains("The keywords \"MUST\"", "RFC 2119");
  }

  @Test
  void readsTheHeaderWithItsEntitiesExpanded() {
    XepHeader header = checker.check(fixture("xep-0421.xml")).header();

    assertThat(header.number()).isEqualTo("0421");
    assertThat(header.status()).isEqualTo("Draft");
    assertThat(header.type()).isEqualTo("Standards Track");
    assertThat(header.approver()).isEqualTo("Council");
    assertThat(header.shortname()).isEqualTo("occupant-id");
    assertThat(header.lastcall()).isEqualTo("2025-01-06");
    assertThat(header.dependencies()).containsExactly("XMPP Core", "XEP-0001", "XEP-0030", "XEP-0045");
    assertThat(header.authors()).singleElement().satisfies(a -> {
      assertThat(a.firstname()).isEqualTo("Marvin");
      assertThat(a.surname()).isEqualTo("Wißfeld");
    });
    assertThat(header.revisions()).hasSize(6);
    assertThat(header.revisions().get(0)).isEqualTo(new Revision("1.0.1", "2025-04-09", "XEP Editor (dg)", "Fixed typo"));
  }

  @Test
  void aConformingProtoXepHasNoFindings() {
    CheckedDocument checked = checker.check(fixture("inbox/mix.xml"));
    assertThat(checked.conforms()).isTrue();
    assertThat(checked.header().number()).isEqualTo("xxxx");
    assertThat(checked.header().status()).isEqualTo("ProtoXEP");
  }

  @Test
  void reportsMissingConsiderationsSectionsAndAuthorDetails() {
    CheckedDocument fasten = checker.check(fixture("inbox/fasten.xml"));
    assertThat(fasten.findings()).containsExactly(
        new Finding("Missing section 'Security Considerations'", "/xep"),
        new Finding("Author Kevin Smith has no jid", "/xep/header/author[1]"));

    CheckedDocument disco = checker.check(fixture("xep-0030.xml"));
    assertThat(disco.findings()).containsExactly(
        new Finding("Author Peter Millard has no email", "/xep/header/author[2]"),
        new Finding("Author Peter Millard has no jid", "/xep/header/author[2]"));
  }

  @Test
  void reportsARevisionNotDatedAsTheXsfDatesThem() {
    // as an inbox ProtoXEP of the XSF's repository dates its 0.0.25 "2011-1-23"
    String misdated = text("inbox/mix.xml").replaceFirst("<date>[^<]*</date>", "<date>2016-1-23</date>");
    assertThat(checker.check(bytes(misdated)).findings())
        .containsExactly(new Finding("Revision 0.0.1 is dated '2016-1-23', not a day written as 2026-12-07", "/xep/header/revision[1]"));
    assertThat(checker.check(bytes(text("inbox/mix.xml").replaceFirst("<date>[^<]*</date>", "<date>soon</date>"))).findings())
        .extracting(Finding::what).containsExactly("Revision 0.0.1 is dated 'soon', not a day written as 2026-12-07");
  }

  @Test
  void reportsAMissingLegalNotice() {
    String withoutLegal = text("inbox/mix.xml").replace("&LEGALNOTICE;", "");
    assertThat(checker.check(bytes(withoutLegal)).findings())
        .contains(new Finding("The legal notice of the XSF IPR Policy is missing or incomplete", "/xep/header/legal"))
        .anyMatch(f -> f.what().contains("legal") && f.where().startsWith("line "));
  }

  @Test
  void reportsEachEntityThatNothingDeclaresWhereItIsFirstUsed() {
    // a XEP newer than the bundled xep.ent, a typo, and an entity the document declares itself
    String mix = text("inbox/mix.xml");
    String unknown = mix.replace("<!ENTITY % ents SYSTEM 'xep.ent'>", "<!ENTITY ownEntity 'mine'>\n<!ENTITY % ents SYSTEM 'xep.ent'>")
        .replaceFirst("<section1 ", "<section1 topic='Also &xep9998;' anchor='also'><p>J\u00e9r\u00f4me\u2019s &xep9999; &ownEntity; &xep9999; "
            + "&LEGALNOTICe;</p></section1>\n<section1 ");
    int line = (int) unknown.substring(0, unknown.indexOf("&xep9999;")).lines().count();
    String text = unknown.lines().toList().get(line - 1);
    assertThat(checker.check(bytes(unknown)).findings()).filteredOn(f -> f.what().startsWith("The entity &")).containsExactly(
        new Finding("The entity &xep9998; is declared neither in the document nor in the XSF's xep.ent: it shows as nothing",
            "line " + line + ", column " + (text.indexOf("&xep9998;") + 1)),
        new Finding("The entity &xep9999; is declared neither in the document nor in the XSF's xep.ent: it shows as nothing",
            "line " + line + ", column " + (text.indexOf("&xep9999;") + 1)),
        new Finding("The entity &LEGALNOTICe; is declared neither in the document nor in the XSF's xep.ent: it shows as nothing",
            "line " + line + ", column " + (text.indexOf("&LEGALNOTICe;") + 1)));
    // a byte order mark is no column
    String oneLine = "\uFEFF" + mix.replace("\n", " ").replace("<p>", "<p>&xep9995; ");
    assertThat(checker.check(bytes(oneLine)).findings()).filteredOn(f -> f.what().startsWith("The entity &xep9995;"))
        .extracting(Finding::where).containsExactly("line 1, column " + oneLine.indexOf("&xep9995;"));
    // in comments and CDATA sections (examples) an ampersand is text
    String inExamples = mix.replaceFirst("<section1 ", "<section1 topic='Examples' anchor='examples'><!-- &xep9997; -->"
        + "<example><![CDATA[<message>&xep9996;</message>]]></example></section1>\n<section1 ");
    assertThat(checker.check(bytes(inExamples)).findings()).noneMatch(f -> f.what().startsWith("The entity &"));

    // xep.ent declared but never read, as the XSF's inbox/iap.xml has it
    String notPulledIn = mix.replaceFirst("%ents;", "");
    assertThat(checker.check(bytes(notPulledIn)).findings()).extracting(Finding::what)
        .contains("The entity &LEGALNOTICE; is in the XSF's xep.ent, but the document's DOCTYPE does not read xep.ent: "
            + "it shows as nothing");
  }

  @Test
  void reportsSchemaViolationsWithTheirLine() {
    String invalidStatus = text("inbox/mix.xml").replace("<status>ProtoXEP</status>", "<status>Approved</status>");
    assertThat(checker.check(bytes(invalidStatus)).findings())
        .anyMatch(f -> f.what().contains("Approved") && f.where().matches("line \\d+, column \\d+"));

    String outOfOrder = text("inbox/mix.xml").replaceFirst("(<title>.*?</title>)(\\s*)(<abstract>[\\s\\S]*?</abstract>)", "$3$2$1");
    assertThat(checker.check(bytes(outOfOrder)).findings()).anyMatch(f -> f.what().contains("abstract"));
  }

  @Test
  void refusesExternalEntitiesAndNeverReadsThem() {
    String xxe = "<?xml version='1.0'?><!DOCTYPE xep [<!ENTITY s SYSTEM 'file:///etc/passwd'>]>"
        + "<xep><header><title>&s;</title></header></xep>";
    assertThatThrownBy(() -> checker.check(bytes(xxe))).isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("'file:///etc/passwd'").hasMessageNotContaining("root:");

    String remoteDtd = "<?xml version='1.0'?><!DOCTYPE xep SYSTEM 'http://attacker.example/xep.dtd'><xep/>";
    assertThatThrownBy(() -> checker.check(bytes(remoteDtd))).isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("http://attacker.example/xep.dtd");

    String parameterEntity = "<?xml version='1.0'?><!DOCTYPE xep [<!ENTITY % p SYSTEM 'file:///etc/hostname'> %p;]><xep/>";
    assertThatThrownBy(() -> checker.check(bytes(parameterEntity))).isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("file:///etc/hostname");
  }

  @Test
  void aContentModelWhoseAutomatonWouldGrowExponentiallyIsNeverBuilt() {
    // validating against the document's own DTD would build an automaton of 2^30 states for this: not a
    // measure of speed, a guard against a check that would not end (a quarter of a second on these machines)
    String model = "((a|b)*,a" + ",(a|b)".repeat(30) + ")";
    String hostile = text("inbox/mix.xml").replace("<!ENTITY % ents SYSTEM 'xep.ent'>",
        "<!ELEMENT xep " + model + ">\n<!ELEMENT a EMPTY>\n<!ELEMENT b EMPTY>\n<!ENTITY % ents SYSTEM 'xep.ent'>");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> checker.check(bytes(hostile)));
  }

  @Test
  void aDoctypeFullOfWhatLooksLikeMarkupIsReadOnce() {
    // a comment in the internal subset that looks like its end, then an entity value of 200,000 comment
    // starts with no comment after them to end one: read from each to the end of the document, that took hours
    String mix = text("inbox/mix.xml");
    int body = mix.indexOf("]>") + 2;
    String hostile = (mix.substring(0, body) + mix.substring(body).replaceAll("(?s)<!--.*?-->|<\\?.*?\\?>", ""))
        .replace("<!ENTITY % ents SYSTEM 'xep.ent'>",
            "<!-- ]> -->\n<!ENTITY unused \"" + "<!--".repeat(200_000) + "\">\n<!ENTITY % ents SYSTEM 'xep.ent'>");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> checker.check(bytes(hostile)));
  }

  @Test
  void refusesBillionLaughsQuickly() {
    StringBuilder dtd = new StringBuilder("<!ENTITY a0 'lol'>");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY a").append(i).append(" '").append(("&a" + (i - 1) + ";").repeat(10)).append("'>");
    }
    String bomb = "<?xml version='1.0'?><!DOCTYPE xep [" + dtd + "]><xep><header><title>&a10;</title></header></xep>";

    assertThatThrownBy(() -> checker.check(bytes(bomb))).isInstanceOf(DocumentRejectedException.class)
        .hasMessageContaining("too many entities");
  }

  @Test
  void readsNoMoreThanTheLimitOfAHugeUpload() {
    CountingStream hundredMegabytes = new CountingStream(100L * 1024 * 1024);

    assertThatThrownBy(() -> checker.check(hundredMegabytes)).isInstanceOf(DocumentRejectedException.class)
        .hasMessage("The document is larger than the limit of 4 MiB.");
    assertThat(hundredMegabytes.read).isEqualTo(XepDocumentChecker.DEFAULT_MAX_BYTES + 1);
  }

  @Test
  void refusesHeaderValuesLongerThanTheXepsDatabaseKeeps() {
    String mix = text("inbox/mix.xml");
    Map<String, String> tooLong = new LinkedHashMap<>();
    tooLong.put("<title>Mediated Information eXchange (MIX)</title>", "<title>" + "t".repeat(HeaderLimits.TITLE + 1) + "</title>");
    tooLong.put("<type>Standards Track</type>", "<type>" + "t".repeat(HeaderLimits.TYPE + 1) + "</type>");
    tooLong.put("<approver>Council</approver>", "<approver>XMPP Council and the XSF Board</approver>");
    tooLong.put("<shortname>MIX</shortname>", "<shortname>" + "s".repeat(HeaderLimits.SHORTNAME + 1) + "</shortname>");
    tooLong.put("<version>0.0.1</version>", "<version>0.0.1-with-a-label-too-long</version>");
    tooLong.put("<initials>kis/psa</initials>", "<initials>" + "i".repeat(HeaderLimits.INITIALS + 1) + "</initials>");
    tooLong.put("<remark><p>First draft.</p></remark>", "<remark><p>" + "r".repeat(HeaderLimits.REMARK + 1) + "</p></remark>");
    for (var value : tooLong.entrySet()) {
      assertThat(mix).contains(value.getKey());
      assertThatThrownBy(() -> checker.check(bytes(mix.replace(value.getKey(), value.getValue()))))
          .as(value.getValue()).isInstanceOf(DocumentRejectedException.class)
          .hasMessageContaining("; the XEPs database keeps at most ");
    }
    assertThatThrownBy(() -> checker.check(bytes(mix.replaceFirst("(?s)<abstract>.*?</abstract>",
        "<abstract>" + "a".repeat(4001) + "</abstract>"))))
        .hasMessage("The <abstract>: 4,001 characters; the XEPs database keeps at most 4,000.");
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<remark><p>First draft.</p></remark>",
        "<remark>" + "r".repeat(4001) + "</remark>"))))
        .hasMessage("The <remark> of revision 0.0.1: 4,001 characters; the XEPs database keeps at most 4,000.");
    // as long as a column keeps is long enough
    String longest = mix.replace("<title>Mediated Information eXchange (MIX)</title>", "<title>" + "t".repeat(HeaderLimits.TITLE) + "</title>")
        .replace("<initials>kis/psa</initials>", "<initials>" + "i".repeat(HeaderLimits.INITIALS) + "</initials>");
    assertThat(checker.check(bytes(longest)).header().title()).hasSize(HeaderLimits.TITLE);
  }

  @Test
  void refusesADocumentWithoutTheTitleOrTypeTheXepsDatabaseNeeds() {
    String mix = text("inbox/mix.xml");
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<title>Mediated Information eXchange (MIX)</title>", ""))))
        .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The document has no <title>");
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<title>Mediated Information eXchange (MIX)</title>", "<title> </title>"))))
        .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The document has no <title>");
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<type>Standards Track</type>", ""))))
        .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The document has no <type>");
  }

  @Test
  void refusesWhatIsNotAXepDocument() {
    assertThatThrownBy(() -> checker.check(bytes("<html><body>Hi</body></html>")))
        .hasMessage("This is not a XEP document: its root element is <html>, not <xep>.");
    assertThatThrownBy(() -> checker.check(bytes("<xep><section1 topic='x'/></xep>")))
        .hasMessage("This is not a XEP document: it has no <header>.");
    assertThatThrownBy(() -> checker.check(bytes("<xep><header>")))
        .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The document is not well-formed XML (line 1");
    assertThatThrownBy(() -> checker.check(new byte[0])).hasMessage("The document is empty.");
  }

  @Test
  void refusesAnEncodingOtherThanUtf8AndAXepInANamespace() {
    String mix = text("inbox/mix.xml");
    // an encoding Java does not know was a server error; another one garbled the text
    for (String encoding : new String[] {"x-foo", "Shift_JIS", "ISO-8859-1"}) {
      assertThatThrownBy(() -> checker.check(bytes(mix.replace("encoding='UTF-8'", "encoding='" + encoding + "'"))))
          .isInstanceOf(DocumentRejectedException.class)
          .hasMessage("The document declares the encoding '" + encoding + "', but XEP documents are UTF-8: declare encoding='UTF-8', or none.");
    }
    assertThat(checker.check(bytes(mix.replace("encoding='UTF-8'", "encoding=\"utf-8\""))).header().title())
        .isEqualTo("Mediated Information eXchange (MIX)");
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<xep>", "<xep xmlns='urn:xsf:xep'>"))))
        .isInstanceOf(DocumentRejectedException.class)
        .hasMessage("This is not a XEP document: its root element <xep> is in the namespace 'urn:xsf:xep'; a XEP's is in none.");
  }

  @Test
  void refusesATitleOfInvisibleCharactersAndHeaderValuesAnnouncementsCannotCarry() {
    String mix = text("inbox/mix.xml");
    String title = "<title>Mediated Information eXchange (MIX)</title>";
    for (String invisible : new String[] {"&#160;", "&#8203;&#160;"}) {
      assertThatThrownBy(() -> checker.check(bytes(mix.replace(title, "<title>" + invisible + "</title>"))))
          .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The document has no <title>");
    }
    String xml11 = mix.replace("<?xml version='1.0'", "<?xml version='1.1'");
    assertThatThrownBy(() -> checker.check(bytes(xml11.replace(title, "<title>MIX&#x1B;[2J</title>"))))
        .isInstanceOf(DocumentRejectedException.class).hasMessage("A header value has the control character U+001B: \"MIX?[2J\".");
    // two versions named alike in the attic ("_._"), read alike by the version order
    assertThatThrownBy(() -> checker.check(bytes(mix.replace("<version>0.0.1</version>", "<version>\u0660.\u0662</version>"))))
        .isInstanceOf(DocumentRejectedException.class).hasMessageStartingWith("The <version> '\u0660.\u0662' has characters other than ASCII");
  }

  @Test
  void listsTheFirstHundredSchemaErrorsAndCountsTheRest() {
    String mix = text("inbox/mix.xml");
    String wrong = mix.replaceFirst("</section1>", "</section1>" + "<section1/>".repeat(250));
    CheckedDocument checked = checker.check(bytes(wrong));
    assertThat(checked.findings()).hasSizeLessThanOrEqualTo(110)
        .anyMatch(f -> f.what().equals("400 more schema errors, not listed") && f.where().startsWith("up to line "));
  }

  private static byte[] fixture(String name) {
    return bytes(text(name));
  }

  private static String text(String name) {
    try {
      return Files.readString(FIXTURES.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A stream of spaces that counts how much of it was read. */
  private static final class CountingStream extends InputStream {
    private final long size;
    long read;

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read >= size) {
        return -1;
      }
      read++;
      return ' ';
    }
  }
}
