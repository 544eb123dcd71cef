package org.xsf.xepflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xsf.xepflow.document.RegistrarNamespaces.Found;

/** The protocol namespaces the XSF's real XEPs ask the XMPP Registrar to register, as they write them. */
class RegistrarNamespacesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/xeps");
  private static final XepDocumentChecker CHECKER = new XepDocumentChecker();

  static Stream<Arguments> realXeps() {
    return Stream.of(
        // a "Protocol Namespaces" subsection: a list, a sentence naming two, a jabber:x: name, a short URN
        Arguments.of("xep-0045.xml", Found.IN_SECTION, List.of("http://jabber.org/protocol/muc",
            "http://jabber.org/protocol/muc#admin", "http://jabber.org/protocol/muc#owner", "http://jabber.org/protocol/muc#user")),
        Arguments.of("xep-0030.xml", Found.IN_SECTION,
            List.of("http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items")),
        Arguments.of("xep-0004.xml", Found.IN_SECTION, List.of("jabber:x:data")),
        Arguments.of("xep-0191.xml", Found.IN_SECTION, List.of("urn:xmpp:blocking", "urn:xmpp:blocking:errors")),
        // versioned namespaces, next to a "Namespace Versioning" subsection (&NSVER;) that names none
        Arguments.of("xep-0166.xml", Found.IN_SECTION, List.of("urn:xmpp:jingle:1", "urn:xmpp:jingle:errors:1")),
        Arguments.of("xep-0342.xml", Found.IN_SECTION, List.of("urn:xmpp:rayo:fax:1", "urn:xmpp:rayo:fax:complete:1")),
        // written in <tt> through an entity of the document's own, or only through one
        Arguments.of("xep-0466.xml", Found.IN_SECTION, List.of("urn:xmpp:ephemeral:0")),
        Arguments.of("xep-0439.xml", Found.IN_SECTION, List.of("urn:xmpp:tmp:quick-response")),
        // quoted in a list item; in a registry submission (<code>) and its sentence
        Arguments.of("xep-0382.xml", Found.IN_SECTION, List.of("urn:xmpp:spoiler:0")),
        Arguments.of("xep-0440.xml", Found.IN_SECTION, List.of("urn:xmpp:sasl-cb:0")),
        // no subsection, one sentence
        Arguments.of("xep-0033.xml", Found.IN_SECTION, List.of("http://jabber.org/protocol/address")),
        Arguments.of("xep-0514.xml", Found.IN_SECTION, List.of("urn:xmpp:markup:emoji:0")),
        // no interaction, in the words XEPs use for it
        Arguments.of("xep-0134.xml", Found.NO_INTERACTION, List.of()),
        Arguments.of("xep-0480.xml", Found.NO_INTERACTION, List.of()),
        Arguments.of("xep-0286.xml", Found.NO_INTERACTION, List.of()),
        Arguments.of("inbox/xor.xml", Found.NO_INTERACTION, List.of()),
        Arguments.of("xep-0430.xml", Found.NO_INTERACTION, List.of()),
        // "No action ... since 'jabber:iq:pass' is already a registered protocol namespace"
        Arguments.of("xep-0003.xml", Found.NO_INTERACTION, List.of()),
        // no namespace in the section (or no section): the one its text marks with &NSNOTE; or &VNOTE;,
        // or the versioned namespace of its short name (MIX: "Register a namespace.")
        Arguments.of("xep-0307.xml", Found.IN_TEXT, List.of("http://jabber.org/protocol/muc#unique")),
        Arguments.of("xep-0278.xml", Found.IN_TEXT, List.of("http://jabber.org/protocol/jinglenodes")),
        Arguments.of("inbox/mix.xml", Found.IN_TEXT, List.of("urn:xmpp:mix:0")),
        // "TODO", and a short name no namespace carries
        Arguments.of("xep-0473.xml", Found.NONE, List.of()));
  }

  @ParameterizedTest
  @MethodSource("realXeps")
  void findsTheNamespacesARealXepNames(String fixture, Found found, List<String> namespaces) throws IOException {
    RegistrarNamespaces read = RegistrarNamespaces.in(CHECKER.read(Files.readAllBytes(FIXTURES.resolve(fixture))));

    assertThat(read.found()).isEqualTo(found);
    assertThat(read.namespaces()).containsExactlyElementsOf(namespaces);
  }
}
