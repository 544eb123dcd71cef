package org.xsf.xepflow.document;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A XEP document is UTF-8 text (the APIs and the import take nothing else), so its XML declaration
 * names UTF-8 or no encoding. The parser reads the bytes as the declaration says: another name gave
 * a server error (one Java does not know) or garbled text (Shift_JIS over UTF-8: "Cafﾃｩ").
 */
final class EncodingDeclaration {
  private static final Pattern DECLARED = Pattern.compile(
      "^(?:\u00EF\u00BB\u00BF)?<\\?xml\\s[^>]*?encoding\\s*=\\s*(['\"])([^'\"]*)\\1");

  private EncodingDeclaration() {
  }

  static void checkUtf8(byte[] xml) {
    // the declaration is ASCII; read byte for byte, whatever follows it
    Matcher m = DECLARED.matcher(new String(xml, 0, Math.min(xml.length, 200), StandardCharsets.ISO_8859_1));
    if (m.find() && !m.group(2).equalsIgnoreCase("UTF-8")) {
      throw new DocumentRejectedException("The document declares the encoding '" + m.group(2)
          + "', but XEP documents are UTF-8: declare encoding='UTF-8', or none.");
    }
  }
}
