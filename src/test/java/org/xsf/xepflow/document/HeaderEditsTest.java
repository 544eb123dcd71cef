package org.xsf.xepflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderEditsTest {
  private static final String PROTOXEP = """
      <?xml version='1.0' encoding='UTF-8'?>
      <!-- <status>Template</status> -->
      <xep>
      <header>
        <title>Tic-Tac-Toe</title>
        <number><!-- the Editor sets it -->xxxx</number>
        <status>ProtoXEP</status>
        <shortname/>
        <!--
        <revision>
          <version>0.0.x</version>
          <date>YYYY-MM-DD</date>
        </revision>
        -->
        <revision xml:lang='en'>
          <version>0.0.1</version>
          <date>2026-11-01</date>
          <initials>ab</initials>
          <remark><p>First draft.</p></remark>
        </revision>
      </header>
      <section1 topic='Example'><example><![CDATA[<revision><version>9</version></revision>]]></example></section1>
      </xep>
      """;

  @Test
  void theEditsGoToTheHeadersOwnElementsNotToWhatACommentSpells() {
    String accepted = HeaderEdits.replaceElement(PROTOXEP, "number", "0515");
    accepted = HeaderEdits.replaceElement(accepted, "status", "Experimental");
    accepted = HeaderEdits.replaceElement(accepted, "shortname", "tictactoe");
    accepted = HeaderEdits.addRevision(accepted, "0.1", "2026-12-07", "Accepted.");

    assertThat(accepted)
        .contains("<!-- <status>Template</status> -->")
        .contains("<number>0515</number>")
        .contains("<status>Experimental</status>")
        .contains("<shortname>tictactoe</shortname>")
        .contains("<version>0.0.x</version>\n    <date>YYYY-MM-DD</date>\n  </revision>\n  -->\n  <revision>\n    <version>0.1</version>")
        .contains("<![CDATA[<revision><version>9</version></revision>]]>");
    assertThat(accepted.indexOf("<version>0.1</version>")).isLessThan(accepted.indexOf("<version>0.0.1</version>"));
  }
}
